package flow.exec;

import flow.exec.grid.TaskState;
import flow.plan.StageDefinition;
import flow.run.Ledger;
import flow.run.LedgerEvent;
import flow.run.LedgerRecord;
import flow.run.RunDir;
import flow.run.RunLock;
import flow.run.RunRecord;
import flow.run.TaskKey;
import flow.run.TaskResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a run stands, from its directory alone (no .flow file, no re-planning): per stage, tasks
 * done, running, failed (with classes) and pending; and the run's state.
 */
public final class StatusReport {
    private final RunDir run;
    private final RunRecord record;
    private final List<StageCounts> stages = new ArrayList<>();
    private final String state;
    /** For runs on a batch scheduler: what it says of the tasks not yet settled. */
    private final Map<TaskKey, TaskState> scheduled;

    public StatusReport(RunDir run) {
        this(run, Map.of());
    }

    public StatusReport(RunDir run, Map<TaskKey, TaskState> scheduled) {
        this.run = run;
        this.record = RunRecord.read(run.runJson());
        this.scheduled = scheduled;
        Optional<RunLock.Holder> head = RunLock.liveHolder(run.lock());
        for (StageDefinition stage : record.stages()) stages.add(count(stage.name(), head.isPresent()));
        this.state = state(head);
    }

    public RunRecord record() { return record; }

    public List<StageCounts> stages() { return stages; }

    public String state() { return state; }

    /**
     * What {@code flow status} exits with, for scripts: 0 when every task is done, 1 when the run
     * ended without that (failed or cancelled), 3 while tasks are still running or pending.
     */
    public int exitCode() {
        if (allDone()) return 0;
        return state.equals("failed") || state.equals("cancelled") ? 1 : 3;
    }

    public boolean allDone() {
        return stages.stream().allMatch(StageCounts::complete);
    }

    public String table() {
        StringBuilder out = new StringBuilder();
        out.append("run ").append(record.name()).append(" (").append(record.pipeline()).append(", ")
                .append(record.executor()).append("): ").append(state).append('\n');
        boolean anyRemoved = stages.stream().anyMatch(c -> c.removed > 0);
        out.append(String.format("%-20s %7s %7s %7s %7s %7s%s  %s%n", "STAGE", "TASKS", "DONE", "RUNNING", "FAILED", "PENDING",
                anyRemoved ? String.format(" %7s", "REMOVED") : "", "FAILURES"));
        for (StageCounts c : stages) {
            out.append(String.format("%-20s %7d %7d %7d %7d %7d%s  %s%n", c.stage, c.total, c.done, c.running, c.failed,
                    c.pending(), anyRemoved ? String.format(" %7d", c.removed) : "", c.failures.isEmpty() ? "" : c.failures));
        }
        return out.toString();
    }

    private StageCounts count(String stage, boolean headAlive) {
        List<Integer> live = record.liveIndices(stage);
        StageCounts c = new StageCounts(stage, live.size());
        c.removed = record.taskCounts().get(stage) - live.size();
        for (int i : live) {
            TaskState inScheduler = scheduled.get(new TaskKey(stage, i));
            if (inScheduler != null && inScheduler.active()) {
                if (inScheduler.detail().startsWith("RUNNING")) c.running++;
                continue;
            }
            Optional<TaskResult> result;
            try {
                result = TaskResult.read(run.resultJson(stage, i));
            } catch (IllegalArgumentException corrupt) {
                result = Optional.empty();
            }
            if (result.isPresent() && result.get().succeeded()) {
                c.done++;
            } else if (result.isPresent()) {
                c.failed++;
                c.failures.merge(result.get().failureLabel(), 1, Integer::sum);
            } else if (headAlive && run.hasTemporaryOutput(stage, i)) {
                c.running++;
            }
        }
        return c;
    }

    private String state(Optional<RunLock.Holder> head) {
        if (head.isPresent()) return "running (head " + head.get().describe() + ")";
        long active = scheduled.values().stream().filter(TaskState::active).count();
        if (active > 0) return "in the scheduler (" + active + " tasks pending or running)";
        if (allDone()) return "done";
        List<LedgerRecord> ledger = Ledger.read(run.ledger());
        LedgerRecord last = ledger.isEmpty() ? null : ledger.get(ledger.size() - 1);
        if (last != null && last.is(LedgerEvent.CANCELLED)) return "cancelled";
        if (last != null && last.is(LedgerEvent.END)) return "failed";
        return "interrupted (flow resume " + record.name() + ")";
    }
}
