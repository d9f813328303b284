package flow.exec.grid;

import flow.exec.Cleanup;
import flow.exec.Progress;
import flow.exec.StageCounts;
import flow.model.FailureClass;
import flow.plan.Plan;
import flow.plan.PlannedStage;
import flow.plan.StageDefinition;
import flow.run.AttemptFigures;
import flow.run.Ledger;
import flow.run.LedgerEvent;
import flow.run.LedgerRecord;
import flow.run.RunDir;
import flow.run.TaskKey;
import flow.run.TaskResult;
import flow.run.Trace;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The head of a run on a batch scheduler. It submits every stage at once as arrays chained on
 * the scheduler (so it may exit), records every job id in the ledger, and follows the run with
 * one batched query per interval: the interval starts short and grows while nothing changes.
 * Each task is settled by its own result.json of this attempt when that says it succeeded, else by
 * the scheduler's reason when it stopped the task, else by the result or the scheduler's state.
 * Failed tasks whose class the stage's retry policy allows are resubmitted (more memory after
 * out-of-memory, more time after a time limit) with everything downstream of them.
 */
public final class GridHead {
    private static final long POLL_MIN_MS = 500;
    private static final long POLL_MAX_MS = 10_000;

    private final GridScheduler scheduler;
    private final RunDir run;
    private final Plan plan;
    private final Ledger ledger;
    private final PrintStream out;
    private final JobScripts scripts;
    private final Trace trace;

    public GridHead(GridScheduler scheduler, RunDir run, Plan plan, Ledger ledger, PrintStream out) {
        this.scheduler = scheduler;
        this.run = run;
        this.plan = plan;
        this.ledger = ledger;
        this.out = out;
        this.scripts = new JobScripts(scheduler, run);
        this.trace = new Trace(run);
    }

    /**
     * Submits the tasks, chained to each other and to {@code live} jobs of upstream stages. If the
     * scheduler refuses any array, every array of this submission is cancelled and the
     * scheduler's message is thrown.
     *
     * @param live per stage, ids of its jobs still pending or running (re-attached on resume)
     */
    public List<SubmittedArray> submit(Map<String, List<Integer>> toRun, Map<String, List<String>> live) {
        List<LedgerRecord> records = Ledger.read(run.ledger());
        int attempt = 1 + GridLedger.lastAttempt(records);
        Map<TaskKey, Integer> memoryFactor = GridLedger.failureFactors(records, FailureClass.OUT_OF_MEMORY);
        Map<TaskKey, Integer> timeFactor = GridLedger.failureFactors(records, FailureClass.TIME_LIMIT);
        Map<String, List<String>> jobsOfStage = new LinkedHashMap<>();
        live.forEach((stage, ids) -> jobsOfStage.computeIfAbsent(stage, s -> new ArrayList<>()).addAll(ids));
        List<SubmittedArray> submitted = new ArrayList<>();
        try {
            for (PlannedStage stage : plan.stages()) {
                List<Integer> tasks = toRun.getOrDefault(stage.name(), List.of());
                if (tasks.isEmpty()) continue;
                StageDefinition def = stage.definition();
                List<String> after = new ArrayList<>();
                for (String upstream : upstreamOf(def)) after.addAll(jobsOfStage.getOrDefault(upstream, List.of()));
                boolean twin = attempt == 1 && isTwin(stage, tasks) && after.size() == 1;
                // tasks with the same resource scaling go together: one array per group
                Map<List<Integer>, List<Integer>> byFactors = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
                for (int i : tasks) {
                    TaskKey key = new TaskKey(stage.name(), i);
                    byFactors.computeIfAbsent(List.of(memoryFactor.getOrDefault(key, 1), timeFactor.getOrDefault(key, 1)),
                            k -> new ArrayList<>()).add(i);
                }
                for (var group : byFactors.entrySet()) {
                    for (SubmittedArray a : submitStage(def, group.getValue(), after, twin, attempt, group.getKey().get(0), group.getKey().get(1))) {
                        submitted.add(a);
                        jobsOfStage.computeIfAbsent(stage.name(), s -> new ArrayList<>()).add(a.jobId());
                    }
                }
            }
            for (SubmittedArray c : submitCleanups(jobsOfStage, attempt)) submitted.add(c);
            scheduler.commit();
        } catch (GridScheduler.SubmitException e) {
            scheduler.cancel(submitted.stream().map(SubmittedArray::jobId).toList());
            ledger.append(LedgerEvent.SUBMIT_FAILED, Map.of("message", e.getMessage(), "cancelled", submitted.stream().map(SubmittedArray::jobId).toList()));
            String message = "the scheduler refused a job: " + e.getMessage()
                    + (submitted.isEmpty() ? "" : " (cancelled the " + submitted.size() + " arrays already submitted)");
            // a request the scheduler cannot take is bad input (exit 2): correct it and resume
            throw e.requestInvalid() ? new IllegalArgumentException(message) : new IllegalStateException(message);
        }
        return submitted;
    }

    /**
     * One array per chunk of task indices the scheduler can number (of batch leaders, for a
     * batched stage). A stage's throttle is kept across chunks: shared out when it allows, else
     * chunks wait for earlier ones (afterany).
     */
    private List<SubmittedArray> submitStage(StageDefinition def, List<Integer> tasks, List<String> after, boolean twin,
                                             int attempt, int memoryFactor, int timeFactor) throws GridScheduler.SubmitException {
        StageDefinition job = JobScripts.batchJob(def);
        Map<Integer, List<Integer>> batchOf = JobScripts.batches(tasks, def.batching());
        Map<Integer, List<Integer>> chunks = scripts.chunks(new ArrayList<>(batchOf.keySet()));
        Integer limit = def.throttle();
        List<SubmittedArray> arrays = new ArrayList<>();
        int n = 0;
        for (var chunk : chunks.entrySet()) {
            Integer throttle = limit;
            List<String> afterAny = List.of();
            if (limit != null && chunks.size() > 1) {
                throttle = limit >= chunks.size() ? limit / chunks.size() + (n < limit % chunks.size() ? 1 : 0) : 1;
                if (limit < chunks.size() && n >= limit) afterAny = List.of(arrays.get(n - limit).jobId());
            }
            List<List<Integer>> batches = def.batching().batched()
                    ? chunk.getValue().stream().map(i -> batchOf.get(i + chunk.getKey())).toList() : List.of();
            Path script = write(scripts.stagePath(def.name(), chunk.getKey()), scripts.stageScript(job, chunk.getKey(), attempt, batches));
            List<Integer> taskIndices = chunk.getValue().stream().flatMap(i -> batchOf.get(i + chunk.getKey()).stream()).toList();
            String name = submissionName(def.name(), attempt);
            ArrayJob array = new ArrayJob(def.name(), script, chunk.getValue(), chunk.getKey(), throttle, after, afterAny,
                    twin && chunks.size() == 1, attempt, memoryFactor, timeFactor, job.resources(), false, name, batches);
            arrays.add(recordedSubmit(array, new SubmittedArray(def.name(), null, taskIndices, chunk.getKey(), attempt, null, batches), after));
            n++;
        }
        return arrays;
    }

    /** A cleanup is a one-task job chained on every array of every stage consuming the target's outputs. */
    private List<SubmittedArray> submitCleanups(Map<String, List<String>> jobsOfStage, int attempt) throws GridScheduler.SubmitException {
        List<SubmittedArray> cleanups = new ArrayList<>();
        for (PlannedStage stage : plan.stages()) {
            for (String target : stage.definition().cleanupOf()) {
                boolean pending = jobsOfStage.containsKey(cleanupName(target))
                        || cleanups.stream().anyMatch(c -> c.stage().equals(cleanupName(target)));
                if (Cleanup.done(run, target) || pending) continue;
                List<String> after = new ArrayList<>();
                plan.dependentsOf(target).forEach(d -> after.addAll(jobsOfStage.getOrDefault(d, List.of())));
                StageDefinition job = JobScripts.cleanupJob(plan.stage(target).definition());
                Path script = write(scripts.cleanupPath(target), scripts.cleanupScript(job, target));
                // a cleanup deletes in the run directory: it runs where that is, even when the tasks did not
                boolean onSubmitHost = plan.stage(target).definition().resources().flag("transferFiles");
                ArrayJob cleanup = new ArrayJob(job.name(), script, List.of(0), 0, null, after, List.of(), false, attempt, 1, 1,
                        job.resources(), onSubmitHost, submissionName(job.name(), attempt), List.of());
                cleanups.add(recordedSubmit(cleanup, new SubmittedArray(cleanupName(target), null, List.of(0), 0, attempt, target, List.of()), after));
            }
        }
        return cleanups;
    }

    /**
     * Submits a job between two ledger records: its name before (so a resume can find a job the
     * scheduler accepted while the head died before the second), its id after.
     */
    private SubmittedArray recordedSubmit(ArrayJob job, SubmittedArray planned, List<String> after) throws GridScheduler.SubmitException {
        Map<String, Object> intent = planned.toLedger();
        intent.remove("jobId");
        intent.put("name", job.name());
        intent.put("script", job.script().toString());
        intent.put("after", after);
        ledger.append(LedgerEvent.SUBMITTING, intent);
        SubmittedArray array = planned.withJobId(scheduler.submit(job));
        Map<String, Object> event = array.toLedger();
        event.put("name", job.name());
        event.put("script", job.script().toString());
        event.put("after", after);
        ledger.append(LedgerEvent.SUBMIT, event);
        return array;
    }

    /** A name no other submission of any run has: the run, the stage, the round and a random part. */
    private String submissionName(String stage, int attempt) {
        return scheduler.commands().uniqueName(run.name() + "." + stage + ".a" + attempt);
    }

    /**
     * Submissions whose name the ledger recorded but whose job id it did not (the head died in
     * between): those the scheduler still knows by name are recorded now, so they are followed,
     * never submitted twice.
     *
     * @return the job ids found
     */
    public List<String> recoverUnrecorded() {
        Map<String, LedgerRecord> intents = new LinkedHashMap<>();
        for (LedgerRecord r : Ledger.read(run.ledger())) {
            if (r.is(LedgerEvent.SUBMITTING)) intents.put((String) r.get("name"), r);
            else if (r.is(LedgerEvent.SUBMIT) && r.get("name") != null) intents.remove((String) r.get("name"));
        }
        List<String> found = new ArrayList<>();
        scheduler.recoverSubmissions(intents.keySet()).forEach((name, jobId) -> {
            found.add(jobId);
            if (!intents.containsKey(name)) return; // a record the scheduler keeps itself, restored by it
            Map<String, Object> event = new LinkedHashMap<>(intents.get(name).fields());
            event.remove("time");
            event.remove("event");
            event.put("jobId", jobId);
            event.put("recovered", true);
            ledger.append(LedgerEvent.SUBMIT, event);
        });
        if (!found.isEmpty()) out.println("found jobs submitted before the head died, not yet recorded: " + found + " (followed, not submitted again)");
        return found;
    }

    /**
     * Settles the tasks the scheduler reports ended although their array still runs (a failed
     * element among running ones), so that a resume runs them again now instead of counting
     * them as attached to the live array.
     */
    public void settleEnded() {
        List<LedgerRecord> records = Ledger.read(run.ledger());
        Map<TaskKey, GridLedger.Placement> unsettled = GridLedger.unsettledPlacements(records);
        Set<String> ids = new LinkedHashSet<>();
        unsettled.values().forEach(p -> ids.add(p.array().jobId()));
        Map<ArrayTaskId, TaskState> states = new HashMap<>();
        for (TaskState s : scheduler.query(ids)) states.put(s.arrayTask(), s);
        Map<GridLedger.Placement, TaskState> ended = new LinkedHashMap<>();
        for (GridLedger.Placement p : unsettled.values()) {
            TaskState state = states.get(p.arrayTask());
            if (state != null && !state.active()) ended.put(p, state);
        }
        settleAll(ended, GridLedger.failureFactors(records, FailureClass.OUT_OF_MEMORY), Map.of(), out::println);
    }

    /**
     * Resumes through the scheduler's own record of the last submission (HTCondor's rescue DAG)
     * when that is exact: the plan is unchanged since, every task to run belongs to it, and none
     * needs more memory or time than it was submitted with. The tasks of the resubmitted jobs
     * are followed again under their earlier submission records.
     *
     * @param previousPlan the plan hash the run had before this resume
     * @return whether it did
     */
    public boolean resubmitLast(Map<String, List<Integer>> toRun, String previousPlan, String planHash) throws GridScheduler.SubmitException {
        List<LedgerRecord> records = Ledger.read(run.ledger());
        int lastAttempt = GridLedger.lastAttempt(records);
        Map<String, LedgerRecord> lastSubmission = new LinkedHashMap<>();
        records.stream().filter(r -> r.is(LedgerEvent.SUBMIT) && r.attempt() == lastAttempt).forEach(r -> lastSubmission.put(r.jobId(), r));
        Set<TaskKey> covered = new LinkedHashSet<>();
        lastSubmission.values().forEach(r -> SubmittedArray.fromLedger(r).tasks().forEach(t -> covered.add(new TaskKey(r.stage(), t))));
        Map<TaskKey, Integer> bigger = GridLedger.failureFactors(records, FailureClass.OUT_OF_MEMORY);
        GridLedger.failureFactors(records, FailureClass.TIME_LIMIT).forEach((k, v) -> bigger.merge(k, v, Math::max));
        boolean exact = previousPlan.equals(planHash) && toRun.entrySet().stream().allMatch(e -> e.getValue().stream()
                .map(i -> new TaskKey(e.getKey(), i)).allMatch(key -> covered.contains(key) && !bigger.containsKey(key)));
        if (!exact || lastSubmission.isEmpty()) return false;
        List<String> again = scheduler.resubmitLast();
        if (again.isEmpty()) return false;
        for (String jobId : again) {
            Map<String, Object> event = new LinkedHashMap<>(lastSubmission.get(jobId).fields());
            event.remove("time");
            event.remove("event");
            event.put("resubmitted", true);
            ledger.append(LedgerEvent.SUBMIT, event);
        }
        out.println("resubmitted the last submission as the scheduler resumes it: " + again);
        return true;
    }

    static String cleanupName(String target) {
        return "cleanup-" + target;
    }

    /** Follows every unsettled task of the run until none is pending or running. */
    public Map<String, StageCounts> follow(Progress progress) throws InterruptedException {
        List<LedgerRecord> records = Ledger.read(run.ledger());
        Map<TaskKey, GridLedger.Placement> unsettled = GridLedger.unsettledPlacements(records);
        Map<TaskKey, Integer> memoryFactors = GridLedger.failureFactors(records, FailureClass.OUT_OF_MEMORY);
        records = null; // a large run's ledger is not kept for the whole follow
        Map<String, StageCounts> counts = initialCounts(unsettled);
        long interval = POLL_MIN_MS;
        while (!unsettled.isEmpty()) {
            Set<String> ids = new LinkedHashSet<>();
            unsettled.values().forEach(p -> ids.add(p.array().jobId()));
            try {
                scheduler.advance();
            } catch (GridScheduler.SubmitException e) {
                throw new IllegalStateException("the scheduler refused a stage: " + e.getMessage());
            }
            Map<ArrayTaskId, TaskState> states = new HashMap<>();
            for (TaskState s : scheduler.query(ids)) states.put(s.arrayTask(), s);
            reconcileGone(unsettled, states);
            counts.values().forEach(c -> { c.running = 0; });
            Map<GridLedger.Placement, TaskState> ended = new LinkedHashMap<>();
            for (var it = unsettled.entrySet().iterator(); it.hasNext(); ) {
                GridLedger.Placement p = it.next().getValue();
                TaskState state = states.get(p.arrayTask());
                StageCounts c = counts.get(p.array().stage());
                if (state != null && state.active()) {
                    if (state.detail().startsWith("RUNNING") && c != null) c.running++;
                    continue;
                }
                ended.put(p, state);
                it.remove();
            }
            settleAll(ended, memoryFactors, counts, progress::message);
            boolean changed = !ended.isEmpty();
            progress.update(new ArrayList<>(counts.values()), changed);
            if (unsettled.isEmpty()) break;
            interval = changed ? POLL_MIN_MS : Math.min(POLL_MAX_MS, interval * 3 / 2);
            Thread.sleep(interval);
        }
        progress.update(new ArrayList<>(counts.values()), true);
        return counts;
    }

    /**
     * Tasks gone from the queue (MinJobAge) that left no result of this attempt: ask the
     * scheduler's accounting, where it has any, how they ended.
     */
    private void reconcileGone(Map<TaskKey, GridLedger.Placement> unsettled, Map<ArrayTaskId, TaskState> states) {
        Set<String> gone = new LinkedHashSet<>();
        for (GridLedger.Placement p : unsettled.values()) {
            if (!states.containsKey(p.arrayTask()) && currentResult(p) == null) gone.add(p.array().jobId());
        }
        for (TaskState s : scheduler.history(gone)) states.putIfAbsent(s.arrayTask(), s);
    }

    /**
     * Settles the tasks that ended in one round. What the scheduler measured of them is asked in
     * one query for the round (a task it killed before the task wrote a result has figures only
     * there); a batch's job ran several tasks, so its figures are no one task's.
     *
     * @param memoryFactors per task, how much more memory than the stage's its next attempt asks
     *                      for (after running out of memory); kept up to date here
     */
    private void settleAll(Map<GridLedger.Placement, TaskState> ended, Map<TaskKey, Integer> memoryFactors,
                           Map<String, StageCounts> counts, java.util.function.Consumer<String> say) {
        if (ended.isEmpty()) return;
        Set<ArrayTaskId> measurable = new LinkedHashSet<>();
        ended.keySet().forEach(p -> { if (p.array().cleanupOf() == null && !p.array().batched()) measurable.add(p.arrayTask()); });
        Map<ArrayTaskId, AttemptFigures> measured = measurable.isEmpty() ? Map.of() : scheduler.usage(measurable);
        ended.forEach((p, state) -> {
            TaskKey key = new TaskKey(p.array().stage(), p.task());
            FailureClass failure = settle(p, state, measured.get(p.arrayTask()), memoryFactors.getOrDefault(key, 1),
                    counts.get(p.array().stage()), say);
            if (failure == FailureClass.OUT_OF_MEMORY) memoryFactors.merge(key, 2, (a, b) -> a * b);
        });
    }

    /**
     * Records how a task ended: its result when this attempt wrote one, else the scheduler's word.
     * A failure is told through {@code say} (while the head follows: above the progress block).
     *
     * @param measured     what the scheduler measured of the attempt, or null
     * @param memoryFactor the attempt asked for the stage's memory times this
     * @return its failure class; null when it succeeded (or for a cleanup)
     */
    private FailureClass settle(GridLedger.Placement p, TaskState state, AttemptFigures measured, int memoryFactor,
                                StageCounts c, java.util.function.Consumer<String> say) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("stage", p.array().stage());
        event.put("index", p.task());
        event.put("attempt", p.array().attempt());
        event.put("jobId", p.array().jobId());
        String cleaned = p.array().cleanupOf();
        if (cleaned != null) {
            boolean ok = state == null ? Cleanup.done(run, cleaned) : state.failure() == null;
            event.put("failure", ok ? null : state == null ? "gone" : state.failure().key());
            ledger.append(LedgerEvent.CLEANUP_END, event);
            if (!ok) say.accept(cleaned + ": cleanup not done (" + (state == null ? "job gone" : state.detail()) + ")");
            return null;
        }
        TaskResult result = currentResult(p);
        FailureClass failure;
        if (result != null && result.succeeded()) {
            failure = null; // its outputs are complete: whatever the scheduler did after (a removal, a hold on the way back) changes nothing
        } else if (state != null && state.failure() != null && state.failure() != FailureClass.STEP_ERROR) {
            failure = state.failure(); // killed by the scheduler: its reason is the real one
        } else if (result != null) {
            failure = result.succeeded() ? null : result.failure();
        } else {
            failure = state == null ? FailureClass.NODE_FAILURE : state.failure() != null ? state.failure() : FailureClass.MISSING_OUTPUTS;
        }
        int exit = result != null ? result.exit() : state != null ? state.exitCode() : -1;
        event.put("failure", failure == null ? null : failure.key());
        event.put("exit", exit);
        event.put("scheduler", state == null ? "gone from the queue" : state.detail());
        ledger.append(LedgerEvent.TASK_END, event);
        StageDefinition def = plan.stage(p.array().stage()).definition();
        AttemptFigures figures = AttemptFigures.of(result).requesting(Trace.requestedMegabytes(def, memoryFactor)).or(measured);
        trace.append(def, p.task(), p.array().attempt(), p.array().jobId(), Trace.state(failure),
                failure == null ? null : failure.key(), exit, p.submitted(), figures);
        if (result != null && failure == null) flow.run.ResultIndex.append(run, result);
        if (c == null) return failure;
        String label = failure == null ? null : FailureClass.label(failure, exit);
        if (c.ended(label)) say.accept(p.array().stage() + "[" + p.task() + "] failed: " + label + " (" + event.get("scheduler") + ")");
        return failure;
    }

    private TaskResult currentResult(GridLedger.Placement p) {
        try {
            return TaskResult.read(run.resultJson(p.array().stage(), p.task()))
                    .filter(r -> r.attempt() == p.array().attempt()).orElse(null);
        } catch (IllegalArgumentException corrupt) {
            return null;
        }
    }

    /** The ids of the run's jobs the scheduler still has pending or running, per stage. */
    public Map<String, List<String>> liveJobs() {
        Map<TaskKey, GridLedger.Placement> unsettled = GridLedger.unsettledPlacements(Ledger.read(run.ledger()));
        Set<String> ids = new LinkedHashSet<>();
        unsettled.values().forEach(p -> ids.add(p.array().jobId()));
        Set<String> active = new LinkedHashSet<>();
        for (TaskState s : scheduler.query(ids)) if (s.active()) active.add(s.jobId());
        Map<String, List<String>> live = new LinkedHashMap<>();
        for (GridLedger.Placement p : unsettled.values()) {
            if (active.contains(p.array().jobId())) {
                List<String> list = live.computeIfAbsent(p.array().stage(), s -> new ArrayList<>());
                if (!list.contains(p.array().jobId())) list.add(p.array().jobId());
            }
        }
        return live;
    }

    /** The tasks to run, without those {@code skipped} (re-attached to a live job, or finished meanwhile). */
    static Map<String, List<Integer>> without(Map<String, List<Integer>> toRun, Set<TaskKey> skipped) {
        Map<String, List<Integer>> left = new LinkedHashMap<>();
        toRun.forEach((stage, tasks) -> left.put(stage, tasks.stream().filter(i -> !skipped.contains(new TaskKey(stage, i))).toList()));
        return left;
    }

    /** Tasks with a live job: re-attached, never resubmitted. */
    public Set<TaskKey> liveTasks(Map<String, List<String>> live) {
        Set<String> ids = new LinkedHashSet<>();
        live.values().forEach(ids::addAll);
        Set<TaskKey> tasks = new LinkedHashSet<>();
        GridLedger.unsettledPlacements(Ledger.read(run.ledger())).forEach((key, p) -> { if (ids.contains(p.array().jobId())) tasks.add(key); });
        return tasks;
    }

    private Map<String, StageCounts> initialCounts(Map<TaskKey, GridLedger.Placement> unsettled) {
        Map<String, StageCounts> counts = new LinkedHashMap<>();
        for (PlannedStage stage : plan.stages()) {
            StageCounts c = new StageCounts(stage.name(), stage.liveCount());
            for (var task : stage.liveTasks()) {
                int i = task.index();
                if (!unsettled.containsKey(new TaskKey(stage.name(), i)) && TaskResult.succeededAt(run.resultJson(stage.name(), i))) c.done++;
            }
            counts.put(stage.name(), c);
        }
        return counts;
    }

    /** A downstream task that consumes exactly its upstream twin (same index) can use a per-task dependency. */
    private boolean isTwin(PlannedStage stage, List<Integer> tasks) {
        StageDefinition def = stage.definition();
        if (def.upstream().size() != 1 || !def.dependsOn().stream().allMatch(def.upstream()::contains)) return false;
        PlannedStage up = plan.stage(def.upstream().get(0));
        // a batch job holds several tasks: task i no longer has array index i to wait for
        if (def.batching().batched() || up.definition().batching().batched()) return false;
        if (up.tasks().size() != stage.tasks().size() || tasks.size() != stage.tasks().size()
                || up.liveCount() != up.tasks().size() || stage.liveCount() != stage.tasks().size()) return false;
        return stage.tasks().stream().allMatch(t -> t.upstream().size() == 1 && t.upstream().get(0).count() == 1
                && t.upstream().get(0).from() == t.index() && t.scan().isEmpty());
    }

    private static List<String> upstreamOf(StageDefinition def) {
        Set<String> all = new LinkedHashSet<>(def.dependsOn());
        all.addAll(def.upstream());
        return new ArrayList<>(all);
    }

    /** Writes a job script; returns its path. */
    private Path write(Path script, String text) {
        scheduler.commands().files().write(script, text);
        return script;
    }
}
