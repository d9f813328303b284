package flow.exec;

import flow.model.PipelineSpec;
import flow.plan.Plan;
import flow.plan.PlannedStage;
import flow.plan.Planner;
import flow.plan.PriorPlan;
import flow.plan.StageDefinition;
import flow.run.Assessor;
import flow.run.LedgerEvent;
import flow.run.RunDir;
import flow.run.RunRecord;
import flow.run.RunSources;
import flow.run.Runs;
import flow.run.TaskKey;
import flow.run.Verdict;
import flow.step.StepRegistry;
import flow.util.IndexRanges;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The one way into running: load and validate a .flow file, plan it, create or reopen the run
 * directory, and hand the tasks to the pipeline's {@link Executor}. The CLI, the specs and the
 * benchmarks all launch through it.
 */
public final class Launcher {
    private final Path launchDir;
    private final StepRegistry steps;
    private final ExecutorRegistry executors;
    /** Made on first use: status, log, cancel and stage-in need no profiles. */
    private PipelineLoader loader;
    private final PrintStream out;
    private final Progress progress;
    /** Tasks the last launch left for later under maxJobs. */
    private int waitingForMaxJobs;
    /** Set for a resume that stops with {@link WorkToRun} where it would run a task: what it does where it does not. */
    private Runnable nothingToRun;

    public Launcher(Path launchDir, StepRegistry steps, ExecutorRegistry executors, PrintStream out, Progress progress) {
        this.launchDir = launchDir;
        this.steps = steps;
        this.executors = executors;
        this.out = out;
        this.progress = progress;
    }

    /**
     * A resume that has any task to run stops with {@link WorkToRun} before it writes or locks
     * anything but the result index (what it printed until then is for the caller to show or
     * drop; {@code nothingToRun} runs where it goes on): the launcher looks with a JVM that
     * compiles with C1 alone, and hands the work, if there is any, to one with C2.
     */
    public Launcher stoppingBeforeWork(Runnable nothingToRun) {
        this.nothingToRun = nothingToRun;
        return this;
    }

    /** A resume looked and found tasks to run: they need a JVM made for running them. */
    public static final class WorkToRun extends RuntimeException {
        WorkToRun() {
            super("tasks to run", null, false, false);
        }
    }

    public PipelineLoader loader() {
        if (loader == null) loader = new PipelineLoader(steps, executors, launchDir);
        return loader;
    }

    public Runs runs() {
        return new Runs(launchDir);
    }

    public ExecutorRegistry executors() {
        return executors;
    }

    /**
     * What to run: a loaded pipeline, its parameters as given, the run's name (null: a new one),
     * the resources given on the command line, and the profile chosen there (null if none).
     * {@code submitted} runs once the jobs are with a batch scheduler, or before a local run starts.
     * {@code dryRun} is null for a real run.
     */
    public record RunRequest(PipelineSpec spec, Path file, Map<String, String> params, String runName, DryRun dryRun,
                             LaunchOptions options, Map<String, Object> resources, String profile, BiConsumer<RunDir, Plan> submitted) {
        public static RunRequest of(PipelineSpec spec, Path file, LaunchOptions options) {
            return new RunRequest(spec, file, Map.of(), null, null, options, Map.of(), null, (run, plan) -> {});
        }

        public RunRequest named(String name) {
            return new RunRequest(spec, file, params, name, dryRun, options, resources, profile, submitted);
        }
    }

    /** A started run: its exit code, and its directory (null for a dry run). */
    public record Launched(int exit, RunDir run, Plan plan) {}

    /** Plans the pipeline and runs it; for a dry run, prints the plan and the job scripts a submission would write. */
    public Launched run(RunRequest request) throws InterruptedException {
        PipelineSpec spec = request.spec();
        waitingForMaxJobs = 0;
        Executor executor = executors.get(spec.executor());
        executor.check(request.options());
        Plan plan = new Planner(steps, loader().profiles(), launchDir, request.resources()).plan(spec);
        executor.checkPlan(plan);
        Runs runs = runs();
        String name = request.runName() != null ? request.runName() : runs.defaultName(spec.name());
        if (request.dryRun() != null) {
            RunDir wouldBe = runs.checkNew(name);
            new PlanPrinter(steps, out, request.dryRun().all()).print(plan, wouldBe, spec.params(), launchDir);
            new SubmissionPrinter(out, request.dryRun()).show(executor.render(wouldBe, plan, allTasks(plan), request.options()), wouldBe);
            return new Launched(0, null, plan);
        }
        Map<String, Object> recorded = new LinkedHashMap<>();
        request.options().record(recorded);
        if (request.profile() != null) recorded.put("profile", request.profile());
        recorded.put("resources", request.resources());
        Map<String, String> sources = RunSources.digests(spec.readFiles());
        RunSources.record(recorded, sources);
        DatasetReport.recordStages(recorded, spec);
        Notices.record(recorded, spec);
        RunRecord record = RunRecord.of(name, plan, request.file().toAbsolutePath().normalize().toString(), spec.sourceText(),
                launchDir.toString(), spec.executor(), request.params(), spec.params(), recorded);
        RunDir run = runs.create(name, record, plan);
        RunSources.keep(run, spec.readFiles(), sources);
        out.println("run " + name + ": " + plan.stages().size() + " stages, " + plan.taskCount() + " tasks in " + run.root());
        LaunchOptions options = request.options();
        Map<String, List<Integer>> toRun = allTasks(plan);
        if (spec.maxJobs() != null) {
            Set<TaskKey> queued = executor.queued(run).orElse(null);
            options = capped(options, spec.maxJobs(), queued);
            toRun = admit(plan, toRun, spec.maxJobs(), queued);
        }
        int exit = executor.drive(new Launch(run, record, plan, LedgerEvent.RUN, toRun, options, steps, out, progress,
                () -> request.submitted().accept(run, plan), Map.of(), List.of(), Map.of()));
        return new Launched(published(exit, run, plan), run, plan);
    }

    /**
     * How to finish a run: what to print or run, and corrections to what it was launched with
     * (parameters and resources given again win over the recorded ones).
     *
     * @param dryRun      null for a real resume
     * @param maxParallel tasks at once; null keeps the run's
     * @param holdFailures leave failed the tasks whose failure their stage does not retry and whose
     *                    identity is unchanged (a watch tick: {@link Assessor})
     */
    public record ResumeRequest(DryRun dryRun, Integer maxParallel, boolean failFast, boolean detach,
                                Map<String, String> params, Map<String, Object> resources, boolean forceUnlock, boolean holdFailures) {
        public static ResumeRequest plain(DryRun dryRun, Integer maxParallel) {
            return new ResumeRequest(dryRun, maxParallel, false, false, Map.of(), Map.of(), false, false);
        }
    }

    /**
     * Finishes a run: plans its pipeline again (from the .flow file if it is still there, else
     * from the text frozen in run.json) over the run's last plan, so that every task keeps its
     * index; prints per stage what runs again and why, and what is removed; re-stamps the results
     * of tasks whose inputs were only touched; and runs the rest unless it is a dry run.
     */
    public int resume(RunDir run, ResumeRequest request) throws InterruptedException {
        RunRecord previous = RunRecord.read(run.runJson());
        if (!Path.of(previous.launchDir()).equals(launchDir)) {
            // relative paths resolve where the run was launched
            Launcher there = new Launcher(Path.of(previous.launchDir()), steps, executors, out, progress);
            there.nothingToRun = nothingToRun;
            int exit = there.resume(run, request);
            waitingForMaxJobs = there.waitingForMaxJobs;
            return exit;
        }
        waitingForMaxJobs = 0;
        // what the run left (its last plan, its result indexes, its ledger) does not depend on
        // the .flow file: it is read while that compiles
        CompletableFuture<PriorPlan> prior = CompletableFuture.supplyAsync(() -> Runs.priorPlan(run, previous));
        CompletableFuture<Assessor> assessor = CompletableFuture.supplyAsync(() -> new Assessor(run, launchDir, request.holdFailures(),
                request.dryRun() == null).preloading(previous.stages().stream().map(StageDefinition::name).toList()));
        Map<String, String> params = new LinkedHashMap<>(previous.paramOverrides());
        params.putAll(request.params());
        PipelineSpec spec = loader().load(Path.of(previous.flowFile()), previous.flowText(), params,
                new PipelineLoader.CliChoices(previous.executor(), (String) previous.options().get("profile")));
        Map<String, Object> changes = new LinkedHashMap<>();
        if (!spec.sourceText().equals(previous.flowText())) {
            out.println("note: " + previous.flowFile() + " changed since the run was planned; tasks whose step or parameters changed run again");
            changes.put("flowText", "changed");
        }
        Map<String, String> sources = RunSources.digests(spec.readFiles());
        List<String> edited = RunSources.changed(previous, sources);
        if (!edited.isEmpty()) {
            out.println("note: changed since the run was planned: " + String.join(", ", edited) + "; its new points run, its dropped ones are removed");
            changes.put("sources", edited);
        }
        if (!request.params().isEmpty()) changes.put("params", request.params());
        if (!request.resources().isEmpty()) changes.put("resources", request.resources());
        @SuppressWarnings("unchecked")
        Map<String, Object> resources = new LinkedHashMap<>((Map<String, Object>) previous.options().getOrDefault("resources", Map.of()));
        resources.putAll(request.resources());
        Plan plan = new Planner(steps, loader().profiles(), launchDir, resources).plan(spec, joined(prior));
        Map<String, List<Verdict>> verdicts = joined(assessor).assess(plan);
        Map<String, List<Integer>> toRun = explain(verdicts);
        LaunchOptions before = LaunchOptions.recordedIn(previous);
        LaunchOptions options = new LaunchOptions(request.maxParallel() != null ? request.maxParallel() : before.maxParallel(),
                request.failFast(), request.detach(), before.noDag());
        Executor executor = executors.get(spec.executor());
        executor.check(options);
        executor.checkPlan(plan);
        if (spec.maxJobs() != null) {
            Set<TaskKey> queued = executor.queued(run).orElse(null);
            options = capped(options, spec.maxJobs(), queued);
            toRun = admit(plan, toRun, spec.maxJobs(), queued);
        }
        if (nothingToRun != null) {
            if (toRun.values().stream().anyMatch(tasks -> !tasks.isEmpty())) throw new WorkToRun();
            nothingToRun.run();
        }
        if (request.dryRun() != null) {
            new SubmissionPrinter(out, request.dryRun()).show(executor.render(run, plan, toRun, options), run);
            return 0;
        }
        if (request.forceUnlock()) {
            flow.run.RunLock.forceRelease(run.lock()).ifPresent(h -> out.println("run " + run.name() + ": removed the lock of " + h.describe()
                    + ", whose lease expired " + h.renewed().plus(flow.run.RunLock.LEASE)));
        }
        Map<String, Object> recorded = new LinkedHashMap<>(previous.options());
        options.record(recorded);
        recorded.put("resources", resources);
        RunSources.record(recorded, sources);
        RunSources.keep(run, spec.readFiles(), sources);
        DatasetReport.recordStages(recorded, spec);
        Notices.record(recorded, spec);
        RunRecord record = RunRecord.of(run.name(), plan, previous.flowFile(), spec.sourceText(), previous.launchDir(),
                spec.executor(), params, spec.params(), recorded);
        int exit = executor.drive(new Launch(run, record, plan, LedgerEvent.RESUME, toRun, options, steps, out, progress, () -> {}, changes,
                restamps(verdicts), leftFailed(verdicts)));
        return published(exit, run, plan);
    }

    /** The value of work done on another thread, its failure rethrown as it was. */
    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            if (e.getCause() instanceof Error error) throw error;
            throw e;
        }
    }

    /** Publishes what is DONE and not yet published (a detached run's tasks as they are done by now); an output left unpublished fails the run. */
    private int published(int exit, RunDir run, Plan plan) throws InterruptedException {
        int unpublished = Publisher.afterDrive(run, plan, out);
        return exit == 0 && unpublished > 0 ? 1 : exit;
    }

    /** Tasks the last run or resume left for later because of the pipeline's maxJobs. */
    public int waitingForMaxJobs() {
        return waitingForMaxJobs;
    }

    /** maxJobs where the head runs the tasks itself ({@code queued} null): no more than that at once. */
    private static LaunchOptions capped(LaunchOptions options, int maxJobs, Set<TaskKey> queued) {
        if (queued != null || options.parallelism() <= maxJobs) return options;
        return new LaunchOptions(maxJobs, options.failFast(), options.detach(), options.noDag());
    }

    /** maxJobs on a batch scheduler: what may be submitted besides what it holds ({@link Admission}); said when some waits. */
    private Map<String, List<Integer>> admit(Plan plan, Map<String, List<Integer>> toRun, int maxJobs, Set<TaskKey> queued) {
        if (queued == null) return toRun;
        Admission admission = Admission.of(plan, toRun, queued, maxJobs);
        waitingForMaxJobs = admission.waiting();
        if (admission.waiting() > 0) {
            out.println("maxJobs " + maxJobs + ": " + queued.size() + " tasks with the scheduler, " + admission.admitted() + " submitted now, "
                    + admission.waiting() + " wait for a later tick or resume");
        }
        return admission.toRun();
    }

    private static Map<TaskKey, String> leftFailed(Map<String, List<Verdict>> verdicts) {
        Map<TaskKey, String> held = new LinkedHashMap<>();
        verdicts.values().forEach(list -> list.stream().filter(Verdict::held).forEach(v -> held.put(new TaskKey(v.stage(), v.index()), v.leftFailed())));
        return held;
    }

    /** The re-stamped results of DONE tasks whose inputs were touched without a change. */
    private static List<flow.run.TaskResult> restamps(Map<String, List<Verdict>> verdicts) {
        List<flow.run.TaskResult> restamps = new ArrayList<>();
        verdicts.values().forEach(list -> list.stream().filter(v -> v.restamp() != null).forEach(v -> restamps.add(v.restamp())));
        return restamps;
    }

    /** Stops the run's watch, if it has one, then its head and jobs. */
    public int cancel(RunDir run) throws InterruptedException {
        Watch.stop(run, out);
        return executorOf(run).cancel(run, out);
    }

    public StatusReport status(RunDir run) {
        return executorOf(run).status(run);
    }

    public java.util.function.Function<flow.run.TaskKey, List<TaskLog>> taskLogs(RunDir run) {
        return executorOf(run).taskLogs(run);
    }

    public void stageIn(RunDir run, String stage, Path items, Path prepared) {
        executorOf(run).stageIn(run, stage, items, prepared);
    }

    private Executor executorOf(RunDir run) {
        return executors.get(RunRecord.read(run.runJson()).executor());
    }

    /** Prints, per stage, what runs again grouped by reason, what is removed and what is kept though touched; returns the indices to run. */
    private Map<String, List<Integer>> explain(Map<String, List<Verdict>> verdicts) {
        Map<String, List<Integer>> toRun = new LinkedHashMap<>();
        for (var stage : verdicts.entrySet()) {
            Map<String, List<Integer>> byReason = new TreeMap<>();
            int done = 0, removed = 0, held = 0;
            for (Verdict v : stage.getValue()) {
                if (v.done()) done++;
                if (v.removed()) removed++;
                if (v.held()) held++;
                if (!v.done() || v.restamp() != null) byReason.computeIfAbsent(v.reason(), r -> new ArrayList<>()).add(v.index());
            }
            int live = stage.getValue().size() - removed;
            out.println("stage " + stage.getKey() + ": " + live + " tasks, " + done + " done, " + (live - done - held) + " to run"
                    + (held > 0 ? ", " + held + " left failed" : "") + (removed > 0 ? ", " + removed + " removed (kept, not run)" : ""));
            byReason.forEach((reason, indices) -> out.println("  " + reason + ": " + IndexRanges.format(indices)));
            toRun.put(stage.getKey(), stage.getValue().stream().filter(Verdict::runs).map(Verdict::index).toList());
        }
        return toRun;
    }

    private static Map<String, List<Integer>> allTasks(Plan plan) {
        Map<String, List<Integer>> all = new LinkedHashMap<>();
        for (PlannedStage stage : plan.stages()) all.put(stage.name(), stage.liveTasks().stream().map(flow.plan.PlannedTask::index).toList());
        return all;
    }
}
