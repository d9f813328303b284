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

import flow.model.FailureClass;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a run stands, from its directory alone (no .flow file, no re-planning): per stage, tasks
 * done, running, failed (with classes: a task's result, else the class the head recorded when
 * the scheduler ended it) and pending; the failed tasks with their logs; and the run's state.
 */
public final class StatusReport {
    private final RunDir run;
    private final RunRecord record;
    private final List<StageCounts> stages = new ArrayList<>();
    private final String state;
    /** For runs on a batch scheduler: what it says of the tasks not yet settled. */
    private final Map<TaskKey, TaskState> scheduled;

    /** Counts only, without asking a scheduler or listing logs (for {@code flow runs}). */
    public StatusReport(RunDir run) {
        this(run, Map.of(), task -> List.of());
    }

    /** When the run was launched: its ledger's first record, or null. */
    public String started() {
        return ledger.isEmpty() ? null : (String) ledger.get(0).get("time");
    }

    /** A failed task as status lists it: its class (or exit) and where its last attempt wrote its errors. */
    public record FailedTask(TaskKey task, String label, Path stderr) {}

    /** Failed tasks listed one by one; beyond this, a count. */
    static final int LISTED_FAILURES = 20;

    private final List<FailedTask> failed = new ArrayList<>();
    private final Function<TaskKey, List<TaskLog>> logs;
    /** How the head last settled each task: its failure label, from the ledger ({@link #lastEnds}). */
    private final Map<TaskKey, String> lastEnd;
    private final Map<TaskKey, String> lastEndTime = new HashMap<>();
    private final boolean headAlive;
    private final List<LedgerRecord> ledger;

    /**
     * @param scheduled for runs on a batch scheduler: what it says of the tasks not yet settled
     * @param logs      where each attempt of a task wrote its output (the executor's {@code taskLogs})
     */
    public StatusReport(RunDir run, Map<TaskKey, TaskState> scheduled, Function<TaskKey, List<TaskLog>> logs) {
        this.run = run;
        this.record = RunRecord.read(run.runJson());
        this.scheduled = scheduled;
        this.logs = logs;
        this.ledger = Ledger.read(run.ledger());
        this.lastEnd = lastEnds(ledger);
        for (LedgerRecord r : ledger) if (r.is(LedgerEvent.TASK_END)) lastEndTime.put(r.task(), (String) r.get("time"));
        Optional<RunLock.Holder> head = RunLock.liveHolder(run.lock());
        this.headAlive = head.isPresent();
        for (StageDefinition stage : record.stages()) stages.add(count(stage.name()));
        this.state = state(head);
    }

    /** How the head last settled each task: its failure label ({@code exit N} or a class), or null when it succeeded. */
    public static Map<TaskKey, String> lastEnds(List<LedgerRecord> ledger) {
        Map<TaskKey, String> ends = new HashMap<>();
        for (LedgerRecord r : ledger) {
            if (r.is(LedgerEvent.TASK_END)) ends.put(r.task(), r.failure().map(f -> FailureClass.label(f, r.get("exit"))).orElse(null));
        }
        return ends;
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
        out.append(String.format("%-20s %7s %7s %7s %7s %7s %9s %7s%s  %s%n", "STAGE", "TASKS", "DONE", "RUNNING", "FAILED", "BLOCKED",
                "CANCELLED", "PENDING", anyRemoved ? String.format(" %7s", "REMOVED") : "", "FAILURES"));
        for (StageCounts c : stages) {
            out.append(String.format("%-20s %7d %7d %7d %7d %7d %9d %7d%s  %s%n", c.stage, c.total, c.done, c.running, c.failed,
                    c.blocked, c.cancelled, c.pending(), anyRemoved ? String.format(" %7d", c.removed) : "", c.failures.isEmpty() ? "" : c.failures));
        }
        if (!failed.isEmpty()) {
            out.append("failed tasks (").append(failed.size()).append("):\n");
            failed.stream().limit(LISTED_FAILURES).forEach(f -> out.append(String.format("  %-24s %-22s %s%n",
                    f.task().stage() + "[" + f.task().index() + "]", f.label(), f.stderr() == null ? "(no log)" : f.stderr())));
            if (failed.size() > LISTED_FAILURES) out.append("  ... and ").append(failed.size() - LISTED_FAILURES).append(" more\n");
            out.append("see 'flow log ").append(record.name()).append(" STAGE INDEX'\n");
        }
        return out.toString();
    }

    /** Counts a task that ended without success; lists it if that is a failure. */
    private void fail(StageCounts c, TaskKey task, String label) {
        if (c.ended(label)) failed.add(new FailedTask(task, label, lastStderr(task)));
    }

    private StageCounts count(String stage) {
        List<Integer> live = record.liveIndices(stage);
        StageCounts c = new StageCounts(stage, live.size());
        c.removed = record.taskCounts().get(stage) - live.size();
        for (int i : live) {
            TaskKey key = new TaskKey(stage, i);
            Standing standing = standing(key);
            switch (standing.kind()) {
                case DONE -> c.ended(null);
                case RUNNING -> c.running++;
                case ENDED -> fail(c, key, standing.label());
                default -> { } // queued or pending: what is left of the total
            }
        }
        return c;
    }

    /**
     * How a task stands now: done, running, with the scheduler but not running (queued), not yet
     * run (pending), or ended without success, with its label ({@code exit 3}, a class) and when.
     */
    public record Standing(Kind kind, String label, String ended) {
        public enum Kind { DONE, RUNNING, QUEUED, PENDING, ENDED }
    }

    public Standing standing(TaskKey key) {
        TaskState inScheduler = scheduled.get(key);
        if (inScheduler != null && inScheduler.active()) {
            return new Standing(inScheduler.detail().startsWith("RUNNING") ? Standing.Kind.RUNNING : Standing.Kind.QUEUED, null, null);
        }
        Optional<TaskResult> result;
        try {
            result = TaskResult.read(run.resultJson(key.stage(), key.index()));
        } catch (IllegalArgumentException corrupt) {
            result = Optional.empty();
        }
        if (result.isPresent()) {
            TaskResult r = result.get();
            return new Standing(r.succeeded() ? Standing.Kind.DONE : Standing.Kind.ENDED, r.succeeded() ? null : r.failureLabel(), r.finished());
        }
        if (lastEnd.get(key) != null) {
            // ended without a result: the scheduler's class, as the head recorded it
            return new Standing(Standing.Kind.ENDED, lastEnd.get(key), lastEndTime.get(key));
        }
        if (inScheduler != null && inScheduler.failure() != null) {
            return new Standing(Standing.Kind.ENDED, FailureClass.label(inScheduler.failure(), inScheduler.exitCode()), null);
        }
        if (headAlive && run.hasTemporaryOutput(key.stage(), key.index())) return new Standing(Standing.Kind.RUNNING, null, null);
        return new Standing(Standing.Kind.PENDING, null, null);
    }

    /** Where the task's last attempt wrote its errors, or null. */
    public Path lastStderr(TaskKey task) {
        List<TaskLog> attempts = logs.apply(task);
        return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1).stderr();
    }

    private String state(Optional<RunLock.Holder> head) {
        if (head.isPresent()) return "running (head " + head.get().describe() + ")";
        long active = scheduled.values().stream().filter(TaskState::active).count();
        if (active > 0) return "in the scheduler (" + active + " tasks pending or running)";
        if (allDone()) return "done";
        LedgerRecord last = ledger.isEmpty() ? null : ledger.get(ledger.size() - 1);
        if (last != null && last.is(LedgerEvent.CANCELLED)) return "cancelled";
        if (last != null && last.is(LedgerEvent.END)) return "failed";
        // a detached run has no end record: once nothing is left to run, it failed
        if (stages.stream().allMatch(c -> c.pending() == 0)) return "failed";
        return "interrupted (flow resume " + record.name() + ")";
    }
}
