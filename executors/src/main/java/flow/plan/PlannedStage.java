package flow.plan;

import java.util.List;

/**
 * A stage with its tasks, in index order (removed tasks included, so indices are dense).
 *
 * @param asBefore the tasks are exactly those of the run's last plan of this stage (a resume
 *                 need not write its tasks.tsv again)
 */
public record PlannedStage(StageDefinition definition, List<PlannedTask> tasks, boolean asBefore) {
    public String name() {
        return definition.name();
    }

    /** The tasks that are part of the plan: not removed. */
    public List<PlannedTask> liveTasks() {
        return tasks.stream().filter(t -> !t.removed()).toList();
    }

    public int liveCount() {
        int n = 0;
        for (PlannedTask t : tasks) if (!t.removed()) n++;
        return n;
    }

    public boolean isLive(int index) {
        return index < tasks.size() && !tasks.get(index).removed();
    }
}
