package flow.exec;

import flow.plan.Plan;
import flow.plan.PlannedStage;
import flow.plan.PlannedTask;
import flow.plan.UpstreamRef;
import flow.run.TaskKey;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a batch submission may add under {@code maxJobs N}: at most N tasks of the run with the
 * scheduler at once, counting those it already holds. Tasks are admitted a unit at a time, in
 * plan order: a task that waits on no other task to run, with every task downstream that then
 * waits only on admitted ones (a dataset and its chain), so that a dataset is never left half
 * submitted; the first unit that does not fit stops admission (oldest first), and the rest wait
 * for the next tick or resume.
 *
 * @param toRun   the tasks to hand to the executor: those already queued (it re-attaches them) and the admitted
 * @param waiting tasks left for later
 */
public record Admission(Map<String, List<Integer>> toRun, int admitted, int waiting) {

    public static Admission of(Plan plan, Map<String, List<Integer>> toRun, Set<TaskKey> queued, int maxJobs) {
        Set<TaskKey> candidates = new LinkedHashSet<>();
        toRun.forEach((stage, indices) -> indices.forEach(i -> {
            TaskKey key = new TaskKey(stage, i);
            if (!queued.contains(key)) candidates.add(key);
        }));
        Map<TaskKey, List<TaskKey>> waitsOn = new HashMap<>();
        Map<TaskKey, List<TaskKey>> consumers = new HashMap<>();
        for (PlannedStage stage : plan.stages()) {
            for (PlannedTask task : stage.liveTasks()) {
                TaskKey key = new TaskKey(stage.name(), task.index());
                if (!candidates.contains(key)) continue;
                List<TaskKey> ups = new ArrayList<>();
                for (UpstreamRef ref : task.upstream()) {
                    for (int i = ref.from(); i < ref.to(); i++) {
                        TaskKey up = new TaskKey(ref.stage(), i);
                        if (candidates.contains(up)) {
                            ups.add(up);
                            consumers.computeIfAbsent(up, k -> new ArrayList<>()).add(key);
                        }
                    }
                }
                waitsOn.put(key, ups);
            }
        }
        int budget = Math.max(0, maxJobs - queued.size());
        Set<TaskKey> admitted = new LinkedHashSet<>();
        for (TaskKey root : candidates) {
            if (!waitsOn.getOrDefault(root, List.of()).isEmpty()) continue;
            Set<TaskKey> unit = unitOf(root, waitsOn, consumers, admitted);
            if (unit.size() > budget) break;
            admitted.addAll(unit);
            budget -= unit.size();
        }
        Map<String, List<Integer>> granted = new LinkedHashMap<>();
        toRun.forEach((stage, indices) -> granted.put(stage, indices.stream()
                .filter(i -> !candidates.contains(new TaskKey(stage, i)) || admitted.contains(new TaskKey(stage, i))).toList()));
        return new Admission(granted, admitted.size(), candidates.size() - admitted.size());
    }

    /** The root and the tasks downstream of it that wait on nothing outside {@code admitted} and this unit. */
    private static Set<TaskKey> unitOf(TaskKey root, Map<TaskKey, List<TaskKey>> waitsOn, Map<TaskKey, List<TaskKey>> consumers,
                                       Set<TaskKey> admitted) {
        Set<TaskKey> unit = new LinkedHashSet<>(List.of(root));
        Deque<TaskKey> next = new ArrayDeque<>(List.of(root));
        while (!next.isEmpty()) {
            for (TaskKey consumer : consumers.getOrDefault(next.poll(), List.of())) {
                if (unit.contains(consumer)) continue;
                if (waitsOn.get(consumer).stream().allMatch(up -> unit.contains(up) || admitted.contains(up))) {
                    unit.add(consumer);
                    next.add(consumer);
                }
            }
        }
        return unit;
    }
}
