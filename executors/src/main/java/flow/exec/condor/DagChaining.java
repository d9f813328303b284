package flow.exec.condor;

import flow.exec.grid.SchedulerFiles;

import flow.exec.grid.ArrayJob;
import flow.exec.grid.GridScheduler.SubmitException;
import flow.exec.grid.SchedulerCommands;
import flow.model.FailureClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A submission is one DAGMan DAG ({@code PARENT ... CHILD} per dependency, a PRE script for
 * stage-in, the {@link #CONFIG} file, a JOBSTATE_LOG) handed to {@code condor_submit_dag}; a resume
 * of an unchanged plan submits the DAG again, so that DAGMan reads its rescue file. The DAG has no
 * {@code RETRY}: flow retries each failed task itself, by its failure class, with more memory or
 * time where that was the cause; DAGMan would resubmit a node's whole cluster, DONE procs included.
 */
final class DagChaining implements CondorChaining {
    private static final Pattern SUBMITTED = Pattern.compile("(\\d+) job\\(s\\) submitted to cluster (\\d+)\\.");
    private static final Pattern ROUND = Pattern.compile("flow\\.(\\d+)\\.dag");
    /** The DAGs' CONFIG file, beside them. */
    static final String CONFIG = "flow.dag.config";
    /**
     * A failed proc must not take its siblings with it: flow settles and retries each task
     * (DAGMan removes the rest of the cluster by default: src/condor_dagman/dag.cpp:700-716,
     * dagman_main.cpp:315; the knob exists from 24.8.1). Idle procs of one stage must not hold back
     * the nodes of other stages (DAGMAN_MAX_JOBS_IDLE, default 1000, counts procs:
     * docs/admin-manual/configuration/dagman.rst:218-232); stages throttle with max_materialize.
     */
    static final String CONFIG_TEXT = """
            # flow: DAGMan settings for this run's DAGs
            DAGMAN_REMOVE_JOB_LIST_ON_FAILURE = False
            DAGMAN_MAX_JOBS_IDLE = 0
            """;

    private final String runName;
    private final SchedulerCommands commands;
    private final CondorRegistry registry;
    private final CondorLogs logs;

    DagChaining(String runName, SchedulerCommands commands, CondorRegistry registry, CondorLogs logs) {
        this.runName = runName;
        this.commands = commands;
        this.registry = registry;
        this.logs = logs;
    }

    @Override
    public Path dagOf(int attempt) {
        return registry.dagFile(attempt);
    }

    @Override
    public void commit(List<ArrayJob> jobs, List<CondorRegistry.Node> nodes) throws SubmitException {
        Path dag = nodes.get(0).dag();
        Set<String> names = new HashSet<>();
        DagFile file = new DagFile();
        for (int i = 0; i < jobs.size(); i++) {
            CondorRegistry.Node node = nodes.get(i);
            file.node(node.name(), node.name() + ".sub");
            names.add(node.name());
            Path pre = CondorScheduler.preScript(node);
            if (commands.files().exists(pre)) file.preScripts.put(node.name(), pre.getFileName().toString());
        }
        for (int i = 0; i < jobs.size(); i++) {
            for (String parent : parents(jobs.get(i))) if (names.contains(parent)) file.edge(parent, nodes.get(i).name());
        }
        file.jobstateLog = jobstateLog(dag).getFileName().toString();
        file.config = CONFIG;
        commands.files().write(dag.resolveSibling(CONFIG), CONFIG_TEXT);
        commands.files().write(dag, file.render());
        submitDag(dag);
    }

    /** Nothing to do: DAGMan submits each node when its parents are done. */
    @Override
    public void advance() {
    }

    /**
     * A node of a DAG that has ended (or was never submitted) gets no cluster any more. Why, the
     * DAG's JOBSTATE_LOG and .dagman.out say: its submission or its PRE script failed, a parent
     * failed, or DAGMan itself gave up before it.
     */
    @Override
    public Unsubmitted unsubmitted(CondorRegistry.Node node, Integer cluster) {
        if (registry.dagmanIds().containsKey(node.dag()) && !logs.dagFinished(node.dag())) return null;
        JobstateLog jobstate = logs.jobstate(node.dag());
        JobstateLog.NodeState state = jobstate.node(node.name());
        if (state != null && state.cluster == null && state.submitFailed) {
            return new Unsubmitted(FailureClass.SUBMIT_FAILURE, "DAGMan could not submit it: " + new DagmanOut(node.dag()).submitErrors(node.name()));
        }
        if (state != null && state.cluster == null && state.preScriptFailed) {
            return new Unsubmitted(FailureClass.TRANSFER_FAILURE, "stage-in failed: " + new DagmanOut(node.dag()).preScript(node.name())
                    + CondorScheduler.preScriptError(node));
        }
        if (parentFailed(node, jobstate)) return new Unsubmitted(FailureClass.DEPENDENCY_NEVER_SATISFIED, "never submitted: a parent failed");
        Integer exit = jobstate.dagmanExit();
        return new Unsubmitted(FailureClass.SUBMIT_FAILURE, "DAGMan ended" + (exit == null ? "" : " (exit " + exit + ")")
                + " before submitting it: " + new DagmanOut(node.dag()).problems());
    }

    /** Whether an ancestor of the node in its DAG failed, as the DAG's JOBSTATE_LOG says. */
    private boolean parentFailed(CondorRegistry.Node node, JobstateLog jobstate) {
        DagFile dag = DagFile.parse(String.join("\n", SchedulerFiles.onDisk(node.dag())));
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(dag.parents.getOrDefault(node.name(), List.of()));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String parent = todo.pop();
            if (!seen.add(parent)) continue;
            JobstateLog.NodeState state = jobstate.node(parent);
            if (state != null && state.failed()) return true;
            todo.addAll(dag.parents.getOrDefault(parent, List.of()));
        }
        return false;
    }

    /**
     * Submits the latest DAG again once its DAGMan ended with a rescue file: DAGMan skips the
     * nodes the rescue file marks DONE. Returns the other nodes.
     */
    @Override
    public List<String> resubmitLast() throws SubmitException {
        Path dag = registry.dagmanIds().keySet().stream().max(Comparator.comparing(DagChaining::round)).orElse(null);
        if (dag == null || !logs.dagFinished(dag)) return List.of();
        Path rescue = latestRescue(dag);
        if (rescue == null) return List.of();
        Set<String> done = new HashSet<>();
        for (String line : SchedulerFiles.onDisk(rescue)) {
            String[] w = line.strip().split("\\s+");
            if (w.length == 2 && w[0].equalsIgnoreCase("DONE")) done.add(w[1]);
        }
        List<String> again = DagFile.parse(String.join("\n", SchedulerFiles.onDisk(dag))).nodes.keySet().stream().filter(n -> !done.contains(n)).toList();
        // the nodes' earlier clusters say how they ended before: from now on only newer ones count
        Map<String, CondorRegistry.Node> nodes = registry.nodes();
        for (String node : again) {
            if (nodes.containsKey(node)) logs.follow(nodes.get(node).eventLog());
            Integer earlier = logs.latestCluster(node);
            if (earlier != null) registry.addStale(node, earlier);
        }
        submitDag(dag);
        return again;
    }

    /**
     * DAGs submitted under a batch name whose DAGMan cluster was never recorded: the schedd is
     * asked for the DAGMan job (scheduler universe, 7) of that batch, which condor_submit_dag
     * gives the batch name it was told.
     */
    @Override
    public Map<String, String> recover() {
        Set<String> recorded = registry.recordedBatches();
        Map<String, String> found = new LinkedHashMap<>();
        registry.batchNames().forEach((dag, batch) -> {
            if (recorded.contains(batch)) return;
            SchedulerCommands.Output out = commands.run(List.of("condor_q", "-constraint",
                    "JobBatchName == \"" + batch + "\" && JobUniverse == 7", "-af", "ClusterId"));
            if (out.exit() != 0) throw new IllegalStateException("condor_q: " + out.message());
            String cluster = out.stdout().strip();
            if (!cluster.matches("\\d+")) return;
            registry.addDag(dag, cluster, batch);
            found.put(batch, cluster);
        });
        return found;
    }

    /** A DAG cannot wait on jobs of another DAG. */
    @Override
    public boolean chainsToEarlierSubmissions() {
        return false;
    }

    static Set<String> parents(ArrayJob job) {
        Set<String> parents = new LinkedHashSet<>(job.after());
        parents.addAll(job.afterAny());
        return parents;
    }

    /**
     * Each submission of a DAG has a batch name of its own, recorded before condor_submit_dag
     * runs: a resume after a head that died before recording DAGMan's cluster finds it by that
     * name ({@link #recover}) instead of submitting the DAG a second time.
     */
    private void submitDag(Path dag) throws SubmitException {
        String batch = commands.uniqueName(runName + "." + dag.getFileName());
        registry.addBatchName(dag, batch);
        List<String> argv = new java.util.ArrayList<>(List.of("condor_submit_dag", "-batch-name", batch));
        if (takesEnvironment(dag)) argv.add("-import_env");
        argv.add(dag.getFileName().toString());
        // a dry run's DAGMan cluster: 0, the number no schedd gives
        SchedulerCommands.Output out = commands.submit(argv, dag.getParent(), "1 job(s) submitted to cluster 0.\n");
        Matcher m = SUBMITTED.matcher(out.stdout());
        if (out.exit() != 0 || !m.find()) throw new SubmitException(out.message());
        registry.addDag(dag, m.group(2), batch);
    }

    /** The submission round of {@code flow.<round>.dag}: flow.10.dag comes after flow.9.dag. */
    static int round(Path dag) {
        Matcher m = ROUND.matcher(dag.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    static Path jobstateLog(Path dag) {
        return Path.of(dag + ".jobstate.log");
    }

    /**
     * Whether a node of the DAG takes its environment from its submitter ({@code getenv}): under
     * DAGMan that is DAGMan's environment, which condor_submit_dag filters to a few variables
     * (src/condor_utils/dagman_utils.cpp:119) unless told {@code -import_env}.
     */
    private boolean takesEnvironment(Path dag) {
        return DagFile.parse(String.join("\n", commands.files().lines(dag))).nodes.values().stream()
                .flatMap(n -> commands.files().lines(dag.resolveSibling(n.submitFile())).stream())
                .anyMatch(l -> l.startsWith("getenv = ") && !l.equals("getenv = false"));
    }

    /** {@code <dag>.rescueNNN} with the highest NNN, or null. */
    private static Path latestRescue(Path dag) {
        for (int n = 999; n >= 1; n--) {
            Path rescue = Path.of(dag + String.format(".rescue%03d", n));
            if (Files.exists(rescue)) return rescue;
        }
        return null;
    }
}
