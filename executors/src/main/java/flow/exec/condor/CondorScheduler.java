package flow.exec.condor;

import flow.exec.TaskLog;
import flow.exec.grid.ArrayJob;
import flow.exec.grid.ArrayTaskId;
import flow.exec.grid.GridScheduler;
import flow.exec.grid.RetryScaling;
import flow.exec.grid.SchedulerCommands;
import flow.exec.grid.SchedulerFiles;
import flow.exec.grid.TaskCommandLine;
import flow.exec.grid.SubmittedArray;
import flow.exec.grid.TaskState;
import flow.model.FailureClass;
import flow.model.Resources;
import flow.plan.StageDefinition;
import flow.run.AttemptFigures;
import flow.run.RunDir;

import flow.util.IndexRanges;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTCondor: each stage is one cluster (one proc per task, {@code queue task from} an items
 * file), a submission is one DAGMan DAG ({@code PARENT ... CHILD} per dependency) handed to
 * {@code condor_submit_dag}, so the head may exit. States come from the stages' job event logs,
 * read incrementally, not by polling condor_q: only when every log has been silent for a while is
 * the schedd asked once ({@link CondorQueueCheck}), in case a log is not being written. A held
 * proc is released, waited on or removed by the class of its hold ({@link CondorVerdicts}); a
 * removed proc is classified by its removal's reason; the engine's retry rounds then resubmit
 * with more memory or time where that was the cause.
 *
 * <p>How nodes wait for their parents is a {@link CondorChaining}: DAGMan's ({@link DagChaining}),
 * or, with {@code noDag} for pools without DAGMan, the head's ({@link HeadChaining}), which then
 * must follow the run (no {@code --detach}).
 *
 * <p>Each node's {@code <node>.sub} and {@code <node>.items} live in {@code <run>/condor/}, named
 * plainly and referenced relatively (a DAG line cannot hold a path with spaces; condor_submit_dag
 * runs in that directory), beside the DAGs and the {@link CondorRegistry} records; event logs are
 * read through {@link CondorLogs}.
 */
public final class CondorScheduler extends GridScheduler {
    /** Seconds of silence in every followed log before the schedd is asked (FLOW_CONDOR_CROSS_CHECK overrides). */
    static final int CROSS_CHECK_SECONDS = Integer.parseInt(System.getenv().getOrDefault("FLOW_CONDOR_CROSS_CHECK", "300"));
    /** A node's stage-in script (DAGMan's PRE script) when its jobs have no shared filesystem. */
    private static final String PRE_SCRIPT = ".pre.sh";
    /** Where a node's stage-in script writes its errors (DAGMan keeps no output of a PRE script). */
    private static final String PRE_SCRIPT_ERRORS = ".pre.err";
    /** How {@code flow task --sandbox} says why a task failed, on its error stream. */
    private static final Pattern SANDBOX_FAILURE = Pattern.compile("\\] failed: ([a-z_]+)");

    private final RunDir run;
    private final CondorChaining chaining;
    private final List<ArrayJob> pending = new ArrayList<>();
    private final List<CondorRegistry.Node> pendingNodes = new ArrayList<>();
    private final CondorRegistry registry;
    private final CondorLogs logs;
    /** The class of each proc flow removed after a hold, by {@code cluster.proc}. */
    private final Map<String, FailureClass> holds = new HashMap<>();
    /** The holds already acted on, by {@code cluster.proc@n} (its n-th hold). */
    private final Set<String> handled = new HashSet<>();
    private final CondorQueueCheck queueCheck;
    /** What the last queue cross-check said of procs whose logs show no end. */
    private Map<String, CondorJobs.Job> fromSchedd = Map.of();
    private long lastCheckMillis = System.currentTimeMillis();

    public CondorScheduler(SchedulerCommands commands, RunDir run, boolean noDag) {
        super(commands);
        this.run = run;
        this.registry = new CondorRegistry(run, commands.files());
        this.logs = new CondorLogs(registry);
        this.queueCheck = new CondorQueueCheck(commands);
        this.chaining = noDag ? new HeadChaining(commands, registry, logs, this::current) : new DagChaining(run.name(), commands, registry, logs);
    }

    /**
     * A stage's part of its node names: DAG node names take letters, digits, '_' and '-'; a stage
     * name with other characters gets a hash of itself too, so stages {@code a.b} and {@code a_b}
     * stay two nodes.
     */
    static String nodeName(String stage) {
        String plain = stage.replaceAll("[^A-Za-z0-9_-]", "_");
        return plain.equals(stage) ? plain : plain + "_" + Integer.toHexString(stage.hashCode());
    }

    /** The last line the node's stage-in script wrote to its error file, as ": line", or nothing. */
    static String preScriptError(CondorRegistry.Node node) {
        List<String> lines = SchedulerFiles.onDisk(node.items().resolveSibling(node.name() + PRE_SCRIPT_ERRORS)).stream()
                .filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip();
    }

    /** The node's stage-in script, beside its items file; it exists only for nodes without the shared filesystem. */
    static Path preScript(CondorRegistry.Node node) {
        return node.items().resolveSibling(node.name() + PRE_SCRIPT);
    }

    public CondorScheduler(SchedulerCommands commands, RunDir run) {
        this(commands, run, false);
    }

    @Override
    public String scriptName(String stage, int offset) {
        return stage + ".sh";
    }

    @Override
    public String taskIndex(int offset) {
        return "\"$1\""; // the items file holds task indices: HTCondor passes $(task) as the argument
    }

    /**
     * A batch's item is its tasks ({@code 0-9,12}): with one variable, {@code queue task from}
     * gives the variable the whole line, commas included (SubmitForeachArgs::split_item,
     * src/condor_utils/submit_utils.cpp: the first value is the whole trimmed item until it
     * splits for a further variable).
     */
    @Override
    public String batchTasks(Path file, List<List<Integer>> batches, int offset) {
        return taskIndex(offset);
    }

    @Override
    public String renderScript(String runName, StageDefinition stage, String command) {
        return "#!/bin/bash\n# flow: run " + runName + ", stage " + stage.name() + " (HTCondor job)\nset -eu\nexec " + command + "\n";
    }

    /** Without a shared filesystem the job runs in its sandbox, where {@link SandboxItems} sent what it needs. */
    @Override
    public String taskCommand(RunDir run, StageDefinition stage) {
        return sandboxed(stage.resources()) ? TaskCommandLine.quoted("task", "--sandbox", ".", stage.name()) : super.taskCommand(run, stage);
    }

    private static boolean sandboxed(Resources resources) {
        return resources.flag("transferFiles");
    }

    @Override
    public int maxArraySize() {
        return Integer.MAX_VALUE;
    }

    @Override
    public boolean chainsToEarlierSubmissions() {
        return chaining.chainsToEarlierSubmissions();
    }

    /** Writes the node's submit and items files; the node is submitted with the DAG at {@link #commit}. */
    @Override
    public String submit(ArrayJob job) throws SubmitException {
        String name = nodeName(job.stage()) + "_a" + job.attempt()
                + (job.memoryFactor() > 1 || job.timeFactor() > 1 ? "_m" + job.memoryFactor() + "t" + job.timeFactor() : "");
        Path dir = registry.dir();
        Path items = dir.resolve(name + ".items");
        Path submit = dir.resolve(name + ".sub");
        Path logs = job.script().getParent().getParent().resolve("logs");
        SchedulerFiles files = commands.files();
        StringBuilder lines = new StringBuilder();
        if (job.batches().isEmpty()) job.arrayIndices().forEach(i -> lines.append(i + job.offset()).append('\n'));
        else job.batches().forEach(b -> lines.append(IndexRanges.format(b)).append('\n'));
        files.write(items, lines.toString());
        String queueFrom = items.getFileName().toString();
        String tasksDir = null;
        if (sandboxed(job.resources())) {
            if (!job.batches().isEmpty()) {
                throw new SubmitException("stage " + job.stage() + ": batch with transferFiles (no shared filesystem) is not "
                        + "supported yet: each proc would have to bring back several tasks' outputs; drop batch or transferFiles", true);
            }
            tasksDir = run.tasksDir(job.stage()).toString();
            if (tasksDir.matches(".*[;=\"].*")) {
                throw new SubmitException("the run directory " + run.root() + " has a ';', '=' or '\"' in its path, which "
                        + "transfer_output_remaps cannot hold: choose another --run-name or launch directory", true);
            }
            queueFrom = name + ".sandbox";
            files.write(dir.resolve(name + PRE_SCRIPT), "#!/bin/bash\n# flow: stage-in for node " + name + "\nexec "
                    + TaskCommandLine.quoted("stage-in", run.root().toString(), job.stage(), items.toString(), dir.resolve(queueFrom).toString())
                    + " 2>" + name + PRE_SCRIPT_ERRORS + "\n");
            files.makeExecutable(dir.resolve(name + PRE_SCRIPT));
        }
        files.write(submit, CondorSubmitFile.render(job.stage(), job.throttle(), job.script().toString(), List.of(),
                logs.toString(), queueFrom, scaled(job), tasksDir, job.onSubmitHost()));
        files.makeExecutable(job.script());
        pending.add(job);
        pendingNodes.add(new CondorRegistry.Node(name, job.stage(), logs.resolve(job.stage() + ".events.log"), items,
                chaining.dagOf(job.attempt())));
        return name;
    }

    /** Memory × the job's factor (up to maxMemory, default × 8), time × its factor; FLOW_ATTEMPT in the environment. */
    private static Resources scaled(ArrayJob job) {
        Resources r = job.resources();
        Map<String, Object> changes = new LinkedHashMap<>();
        Map<Object, Object> environment = new LinkedHashMap<>();
        if (r.get("environment") instanceof Map<?, ?> given) environment.putAll(given);
        environment.put("FLOW_ATTEMPT", String.valueOf(job.attempt()));
        changes.put("environment", environment);
        String memoryKey = r.memoryKey();
        if (job.memoryFactor() > 1 && r.isSet(memoryKey)) {
            changes.put(memoryKey, RetryScaling.megabytes(r, memoryKey, null, job.memoryFactor()) + "m");
        }
        if (job.timeFactor() > 1 && r.isSet("time")) changes.put("time", RetryScaling.minutes(r, job.timeFactor()) + "m");
        return r.with(changes);
    }

    /** Registers this submission's nodes and hands them to the chaining: the DAG, or the head. */
    @Override
    public void commit() throws SubmitException {
        if (pending.isEmpty()) return;
        List<ArrayJob> jobs = new ArrayList<>(pending);
        List<CondorRegistry.Node> nodes = new ArrayList<>(pendingNodes);
        registry.addNodes(nodes);
        pending.clear();
        pendingNodes.clear();
        chaining.commit(jobs, nodes);
    }

    @Override
    public List<String> resubmitLast() throws SubmitException {
        return chaining.resubmitLast();
    }

    @Override
    public void advance() throws SubmitException {
        chaining.advance();
    }

    /** The nodes' records are written before the DAG is submitted: only DAGMan's cluster can be missing. */
    @Override
    public Map<String, String> recoverSubmissions(Collection<String> unrecorded) {
        return chaining.recover();
    }

    @Override
    public List<TaskState> query(Collection<String> names) {
        Map<String, CondorRegistry.Node> nodes = registry.nodes();
        crossCheckIfQuiet(names, nodes);
        List<TaskState> states = new ArrayList<>();
        Map<String, Integer> latest = logs.latestClusters();
        for (String name : names) {
            CondorRegistry.Node node = nodes.get(name);
            if (node == null) continue;
            CondorJobs jobs = logs.follow(node.eventLog());
            Integer cluster = latest.get(name);
            List<Integer> tasks = registry.items(node.items());
            CondorChaining.Unsubmitted unsubmitted = null;
            for (int proc = 0; proc < tasks.size(); proc++) {
                CondorJobs.Job job = cluster == null ? null : current(jobs, cluster, proc);
                if (job == null && unsubmitted == null) unsubmitted = chaining.unsubmitted(node, cluster);
                TaskState state = job == null ? waiting(name, tasks.get(proc), cluster, unsubmitted) : state(name, tasks.get(proc), job);
                states.add(job != null && state.failure() == FailureClass.STEP_ERROR && Files.exists(preScript(node)) ? fromSandbox(node, job, state) : state);
            }
        }
        return states;
    }

    /** What each task's proc used, from its node's event log (execute, terminate and hold events). */
    @Override
    public Map<ArrayTaskId, AttemptFigures> usage(Collection<ArrayTaskId> tasks) {
        Map<String, CondorRegistry.Node> nodes = registry.nodes();
        Map<String, Integer> latest = logs.latestClusters();
        Map<ArrayTaskId, AttemptFigures> used = new LinkedHashMap<>();
        for (ArrayTaskId task : tasks) {
            CondorRegistry.Node node = nodes.get(task.jobId());
            Integer cluster = latest.get(task.jobId());
            if (node == null || cluster == null) continue;
            int proc = registry.items(node.items()).indexOf(task.arrayIndex());
            AttemptFigures figures = proc < 0 ? null : logs.follow(node.eventLog()).figures(cluster, proc);
            if (figures != null) used.put(task, figures);
        }
        return used;
    }

    /** The proc as its log shows it, or as the schedd last said where the log shows no end. */
    private CondorJobs.Job current(CondorJobs jobs, int cluster, int proc) {
        CondorJobs.Job job = jobs.job(cluster, proc);
        return job != null && !job.terminal() ? fromSchedd.getOrDefault(cluster + "." + proc, job) : job;
    }

    /**
     * When no followed log gained a record for {@link #CROSS_CHECK_SECONDS}, asks the schedd about
     * the procs the logs leave unfinished (the log may not be written: FORMATS.md §4.5).
     */
    private void crossCheckIfQuiet(Collection<String> names, Map<String, CondorRegistry.Node> nodes) {
        long interval = CROSS_CHECK_SECONDS * 1000L;
        names.stream().map(nodes::get).filter(java.util.Objects::nonNull).forEach(n -> logs.follow(n.eventLog()));
        if (logs.quietMillis() < interval || System.currentTimeMillis() - lastCheckMillis < interval) return;
        lastCheckMillis = System.currentTimeMillis();
        Set<String> unfinished = new java.util.TreeSet<>();
        Map<String, Integer> latest = logs.latestClusters();
        for (String name : names) {
            CondorRegistry.Node node = nodes.get(name);
            Integer cluster = node == null ? null : latest.get(name);
            if (cluster == null) continue;
            logs.follow(node.eventLog()).jobs().values().stream()
                    .filter(j -> j.cluster() == cluster && !j.terminal())
                    .forEach(j -> unfinished.add(j.cluster() + "." + j.proc()));
        }
        fromSchedd = queueCheck.check(unfinished);
    }

    /**
     * A task that failed in its sandbox sends back no result.json (outputs return only on success,
     * {@code ON_SUCCESS}), but its error stream always comes back (src/condor_utils/file_transfer.cpp:674-685),
     * where {@code flow task} wrote the class of its failure.
     */
    private TaskState fromSandbox(CondorRegistry.Node node, CondorJobs.Job job, TaskState state) {
        Path err = Path.of(procLogs(node.stage(), job.cluster(), job.proc()) + ".err");
        String said = SchedulerFiles.onDisk(err).stream().filter(l -> l.startsWith("flow task: ")).reduce((a, b) -> b).orElse(null);
        Matcher m = said == null ? null : SANDBOX_FAILURE.matcher(said);
        FailureClass failure = m != null && m.find() ? FailureClass.fromKey(m.group(1)).orElse(null) : null;
        return failure == null ? state : new TaskState(state.jobId(), state.arrayIndex(), false, failure, state.exitCode(), state.detail() + ": " + said.substring(11));
    }

    /** A proc HTCondor has no job of yet: waiting for its parents or its materialisation, or never to be. */
    private static TaskState waiting(String node, int task, Integer cluster, CondorChaining.Unsubmitted never) {
        if (never != null) return new TaskState(node, task, false, never.failure(), 0, never.detail());
        return new TaskState(node, task, true, null, 0, cluster == null ? "IDLE (waiting for its parents)" : "IDLE (not yet materialised)");
    }

    private TaskState state(String node, int task, CondorJobs.Job job) {
        String key = job.cluster() + "." + job.proc();
        return switch (job.status()) {
            case IDLE -> new TaskState(node, task, true, null, 0, "IDLE");
            case RUNNING -> new TaskState(node, task, true, null, 0, "RUNNING");
            case SUSPENDED -> new TaskState(node, task, true, null, 0, "SUSPENDED");
            case HELD -> held(node, task, job, key);
            case REMOVED -> {
                if (holds.containsKey(key)) yield new TaskState(node, task, false, holds.get(key), 0, "removed after a hold");
                CondorVerdicts.Removal removal = CondorVerdicts.removal(job.removeReason());
                yield new TaskState(node, task, false, removal.failure(), 0, removal.what());
            }
            case DONE -> job.exitCode() != null
                    ? new TaskState(node, task, false, job.exitCode() == 0 ? null : FailureClass.STEP_ERROR, job.exitCode(),
                    "terminated (return value " + job.exitCode() + ")")
                    : new TaskState(node, task, false, FailureClass.STEP_ERROR, 128 + job.signal(), "terminated by signal " + job.signal());
        };
    }

    /**
     * A held proc, as {@link CondorVerdicts#hold} says: released (a bounded number of times) when
     * the cause may pass, left alone when a user held it, else removed and settled with the
     * hold's class, so nothing waits on a hold forever.
     */
    private TaskState held(String node, int task, CondorJobs.Job job, String key) {
        String detail = "held: " + job.holdReason() + " (code " + job.holdCode() + " subcode " + job.holdSubcode() + ")";
        if (handled.contains(key + "@" + job.holdEvents())) {
            return new TaskState(node, task, !holds.containsKey(key), holds.get(key), 0, detail);
        }
        handled.add(key + "@" + job.holdEvents());
        CondorVerdicts.Hold hold = CondorVerdicts.hold(job.holdCode(), job.holdSubcode(), registry.releases(key));
        switch (hold.action()) {
            case RELEASE -> {
                registry.addRelease(key);
                commands.run(List.of("condor_release", key));
                return new TaskState(node, task, true, null, 0, detail + ": " + hold.what());
            }
            case WAIT -> {
                return new TaskState(node, task, true, null, 0, detail + ": " + hold.what());
            }
            default -> {
                holds.put(key, hold.failure());
                commands.run(List.of("condor_rm", key));
                return new TaskState(node, task, false, hold.failure(), 0, detail + ": " + hold.what());
            }
        }
    }

    /**
     * {@code <stage>_$(Cluster)_$(Process).out}: the node's cluster, once its event log shows it,
     * and the task's place in the node's items file.
     */
    @Override
    public TaskLog taskLog(RunDir run, SubmittedArray array, int task) {
        CondorRegistry.Node node = registry.nodes().get(array.jobId());
        if (node == null) return new TaskLog(array.attempt(), null, null);
        logs.follow(node.eventLog());
        Integer cluster = logs.latestCluster(node.name());
        int proc = registry.items(node.items()).indexOf(task);
        if (cluster == null || proc < 0) return new TaskLog(array.attempt(), null, null);
        Path base = procLogs(node.stage(), cluster, proc);
        return new TaskLog(array.attempt(), Path.of(base + ".out"), Path.of(base + ".err"));
    }

    /** A proc's output and error, without their {@code .out}/{@code .err}: {@code <stage>_$(Cluster)_$(Process)} in the submit file. */
    private Path procLogs(String stage, int cluster, int proc) {
        return run.logsDir(stage).resolve(stage + "_" + cluster + "_" + proc);
    }

    @Override
    public void cancel(Collection<String> names) {
        Map<String, CondorRegistry.Node> nodes = registry.nodes();
        Set<String> ids = new LinkedHashSet<>();
        Map<Path, String> dagmanIds = registry.dagmanIds();
        names.stream().map(nodes::get).filter(java.util.Objects::nonNull).forEach(n -> logs.follow(n.eventLog()));
        Map<String, Integer> latest = logs.latestClusters();
        for (String name : names) {
            CondorRegistry.Node node = nodes.get(name);
            if (node == null) continue;
            if (dagmanIds.containsKey(node.dag())) ids.add(dagmanIds.get(node.dag()));
            Integer cluster = latest.get(name);
            if (cluster != null) ids.add(cluster.toString());
        }
        if (!ids.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of("condor_rm"));
            argv.addAll(ids);
            commands.run(argv);
        }
    }
}
