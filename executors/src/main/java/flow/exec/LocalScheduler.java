package flow.exec;

import flow.model.FailureClass;
import flow.plan.Plan;
import flow.plan.PlannedStage;
import flow.plan.PlannedTask;
import flow.plan.StageDefinition;
import flow.run.Ledger;
import flow.run.LedgerEvent;
import flow.run.ResultIndex;
import flow.run.RunDir;
import flow.run.TaskKey;
import flow.run.TaskResult;
import flow.run.TaskRunner;
import flow.run.AttemptFigures;
import flow.run.Trace;
import groovyx.gpars.dataflow.DataflowQueue;
import groovyx.gpars.group.DefaultPGroup;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks on this machine: a bounded GPars pool does the work, the calling thread is the head
 * that starts tasks as they become ready ({@link ReadyTasks}: a task once the upstream tasks it
 * reads are done), honours throttles, retries what the stage's policy allows, runs cleanup hooks
 * and writes the ledger. A failed task blocks what depends on it; the rest goes on unless fail-fast.
 */
public final class LocalScheduler {
    /** What happened: counts per stage and the cleanups that were skipped, with why. */
    public record Outcome(List<StageCounts> stages, List<String> skippedCleanups, boolean cancelled) {
        public boolean succeeded() {
            return !cancelled && stages.stream().allMatch(StageCounts::complete);
        }
    }

    private record Completion(String stage, PlannedTask task, int attempt, TaskResult result, Throwable error) {}

    private final RunDir run;
    private final Plan plan;
    private final TaskRunner runner;
    private final Ledger ledger;
    private final Trace trace;
    private final LaunchOptions options;
    private final Progress progress;
    private final Map<String, StageCounts> counts = new LinkedHashMap<>();
    private ReadyTasks queue;
    private final Map<TaskKey, Integer> retriesSoFar = new HashMap<>();
    /** Attempts made before this head started, per task: attempt numbers go on from there. */
    private final Map<TaskKey, Integer> earlierAttempts;
    private final Set<String> cleanupTargets = new LinkedHashSet<>();
    private final Set<String> cleaned = new LinkedHashSet<>();
    private final DataflowQueue<Completion> completions = new DataflowQueue<>();
    private volatile boolean cancelled;
    /** Set once {@link #execute} has no task running any more. */
    private volatile boolean finished;
    private boolean stopLaunching;
    private int running;

    public LocalScheduler(RunDir run, Plan plan, TaskRunner runner, Ledger ledger, LaunchOptions options, Progress progress) {
        this.run = run;
        this.plan = plan;
        this.runner = runner;
        this.ledger = ledger;
        this.trace = new Trace(run);
        this.options = options;
        this.progress = progress;
        this.earlierAttempts = Ledger.attempts(run.ledger());
    }

    /**
     * @param toRun      per stage, the indices of the tasks to run; the others are DONE already, except
     * @param leftFailed the failed tasks not run again (a watch tick's), with their failure labels
     */
    public Outcome execute(Map<String, List<Integer>> toRun, Map<TaskKey, String> leftFailed) throws InterruptedException {
        queue = new ReadyTasks(plan, toRun);
        for (PlannedStage stage : plan.stages()) {
            StageCounts c = new StageCounts(stage.name(), stage.liveCount());
            c.done = c.total - toRun.getOrDefault(stage.name(), List.of()).size();
            leftFailed.forEach((task, label) -> {
                if (!task.stage().equals(stage.name())) return;
                c.done--;
                c.ended(label);
            });
            counts.put(stage.name(), c);
            cleanupTargets.addAll(stage.definition().cleanupOf());
        }
        runDueCleanups();
        DefaultPGroup pool = new DefaultPGroup(options.parallelism());
        try {
            launchReady(pool);
            while (running > 0) {
                Completion done = completions.getVal(1, TimeUnit.SECONDS);
                if (done != null) {
                    running--;
                    settle(done);
                    launchReady(pool);
                }
                progress.update(stageCounts(), false);
            }
        } finally {
            finished = true;
            pool.shutdown();
        }
        progress.update(stageCounts(), true);
        return new Outcome(stageCounts(), skippedCleanups(), cancelled);
    }

    /**
     * Stops starting tasks and ends the running ones (their commands get SIGTERM). A task the pool
     * was starting meanwhile may spawn its command a moment later, so commands are ended again
     * until {@link #execute} has seen every running task end (for at most 10 s).
     */
    public void cancel() {
        cancelled = true;
        runner.cancelling();
        for (int round = 0; round < 100 && !finished; round++) {
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void launchReady(DefaultPGroup pool) {
        if (stopLaunching || cancelled) return;
        for (PlannedStage stage : plan.stages()) {
            StageCounts c = counts.get(stage.name());
            if (!orderingComplete(stage)) continue;
            Integer throttle = stage.definition().throttle();
            Deque<PlannedTask> ready = queue.ready(stage.name());
            while (!ready.isEmpty() && running < options.parallelism() && (throttle == null || c.running < throttle)) {
                PlannedTask task = ready.poll();
                TaskKey key = new TaskKey(stage.name(), task.index());
                int attempt = earlierAttempts.getOrDefault(key, 0) + retriesSoFar.getOrDefault(key, 0) + 1;
                launch(pool, stage.name(), task, attempt);
                c.running++;
                running++;
            }
        }
    }

    private void launch(DefaultPGroup pool, String stage, PlannedTask task, int attempt) {
        ledger.append(LedgerEvent.TASK_START, Map.of("stage", stage, "index", task.index(), "attempt", attempt));
        TaskRunner.Logs logs = new TaskRunner.Logs(
                ProcessBuilder.Redirect.appendTo(run.stdoutLog(stage, task.index()).toFile()),
                ProcessBuilder.Redirect.appendTo(run.stderrLog(stage, task.index()).toFile()));
        pool.task(() -> {
            try {
                completions.bind(new Completion(stage, task, attempt, runner.run(stage, task, attempt, logs), null));
            } catch (Throwable e) {
                completions.bind(new Completion(stage, task, attempt, null, e));
            }
            return null;
        });
    }

    private void settle(Completion done) {
        StageCounts c = counts.get(done.stage());
        c.running--;
        TaskResult result = done.result();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("stage", done.stage());
        event.put("index", done.task().index());
        event.put("attempt", done.attempt());
        event.put("exit", result == null ? -1 : result.exit());
        event.put("failure", result == null ? "flow error: " + done.error() : result.failure() == null ? null : result.failure().key());
        ledger.append(LedgerEvent.TASK_END, event);
        FailureClass failure = result == null ? FailureClass.STEP_ERROR : result.failure();
        StageDefinition def = plan.stage(done.stage()).definition();
        trace.append(def, done.task().index(), done.attempt(), null, Trace.state(failure), failure == null ? null : failure.key(),
                result == null ? null : result.exit(), null, AttemptFigures.of(result).requesting(Trace.requestedMegabytes(def, 1)));
        if (result != null) ResultIndex.append(run, result);
        if (result != null && result.succeeded()) {
            c.done++;
            queue.succeeded(new TaskKey(done.stage(), done.task().index()));
            if (c.complete()) runDueCleanups();
            return;
        }
        TaskKey key = new TaskKey(done.stage(), done.task().index());
        int retries = retriesSoFar.getOrDefault(key, 0);
        if (!cancelled && plan.stage(done.stage()).definition().retry().allows(failure, retries)) {
            retriesSoFar.put(key, retries + 1);
            ledger.append(LedgerEvent.RETRY, Map.of("stage", done.stage(), "index", done.task().index(), "failure", failure.key()));
            queue.ready(done.stage()).addFirst(done.task());
            return;
        }
        String label = result == null ? "flow error" : result.failureLabel();
        if (c.ended(label)) progress.message(done.stage() + "[" + done.task().index() + "] failed: " + label
                + (result != null && result.message() != null ? " (" + result.message() + ")" : "")
                + " — log: " + run.stderrLog(done.stage(), done.task().index()));
        if (options.failFast()) stopLaunching = true;
        blockDependents(key);
    }

    /**
     * Tasks that can never run now: those reading the failed task (and theirs), and every task of
     * a stage that waits on a stage with a failed or blocked task as a whole ({@code dependsOn}
     * without its outputs). Counted and recorded as blocked, as a batch head records what its
     * scheduler never started.
     */
    private void blockDependents(TaskKey failed) {
        List<TaskKey> blocked = new ArrayList<>(queue.blockConsumers(failed));
        Deque<String> stages = new ArrayDeque<>(List.of(failed.stage()));
        blocked.forEach(k -> stages.add(k.stage()));
        Set<String> seen = new java.util.HashSet<>();
        while (!stages.isEmpty()) {
            String stage = stages.poll();
            if (!seen.add(stage)) continue;
            for (String dependent : plan.dependentsOf(stage)) {
                if (plan.stage(dependent).definition().upstream().contains(stage)) continue; // waits per task
                List<TaskKey> more = queue.blockStage(dependent);
                blocked.addAll(more);
                stages.add(dependent);
                more.forEach(k -> stages.add(k.stage()));
            }
        }
        for (TaskKey task : blocked) {
            counts.get(task.stage()).ended(FailureClass.DEPENDENCY_NEVER_SATISFIED.key());
            ledger.append(LedgerEvent.TASK_END, Map.of("stage", task.stage(), "index", task.index(), "exit", -1,
                    "failure", FailureClass.DEPENDENCY_NEVER_SATISFIED.key()));
        }
    }

    /** Cleans every target whose consumers all completed (on resume, also those a crash left uncleaned). */
    private void runDueCleanups() {
        for (String target : cleanupTargets) {
            if (cleaned.contains(target) || !Cleanup.due(run, target, liveIndices(target))) continue;
            if (plan.dependentsOf(target).stream().allMatch(d -> counts.get(d).complete())) {
                long bytes = Cleanup.run(run, plan.stage(target).definition(), liveIndices(target), consumerTasks(target), new Publisher(run, progress::message, ledger, true));
                ledger.append(LedgerEvent.CLEANUP, Map.of("stage", target, "bytes", bytes));
                cleaned.add(target);
                progress.message("cleanup: removed the outputs of " + target + " (" + bytes + " bytes)");
            }
        }
    }

    private List<String> skippedCleanups() {
        List<String> skipped = new ArrayList<>();
        for (String target : cleanupTargets) {
            if (cleaned.contains(target) || !Cleanup.due(run, target, liveIndices(target))) continue;
            List<String> unfinished = plan.dependentsOf(target).stream().filter(d -> !counts.get(d).complete()).toList();
            String why = "cleanup of " + target + " skipped: " + String.join(", ", unfinished) + " did not succeed";
            ledger.append(LedgerEvent.CLEANUP_SKIPPED, Map.of("stage", target, "because", unfinished));
            skipped.add(why);
        }
        return skipped;
    }

    private Map<String, List<Integer>> consumerTasks(String target) {
        Map<String, List<Integer>> consumers = new LinkedHashMap<>();
        plan.dependentsOf(target).forEach(d -> consumers.put(d, liveIndices(d)));
        return consumers;
    }

    private List<Integer> liveIndices(String stage) {
        return plan.stage(stage).liveTasks().stream().map(PlannedTask::index).toList();
    }

    /** Whether the stages this one waits on as a whole (dependsOn without reading their outputs) are complete. */
    private boolean orderingComplete(PlannedStage stage) {
        return stage.definition().dependsOn().stream().filter(d -> !stage.definition().upstream().contains(d))
                .allMatch(d -> counts.get(d).complete());
    }

    private List<StageCounts> stageCounts() {
        return new ArrayList<>(counts.values());
    }
}
