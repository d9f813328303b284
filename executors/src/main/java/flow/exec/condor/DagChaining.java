package flow.exec.condor;

import flow.exec.grid.ArrayJob;
import flow.exec.grid.GridScheduler.SubmitException;
import flow.exec.grid.SchedulerCommands;
import flow.exec.grid.SubmissionNames;
import flow.util.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * A submission is one DAGMan DAG ({@code PARENT ... CHILD} per dependency, {@code RETRY} from the
 * stage's policy, a PRE script for stage-in) handed to {@code condor_submit_dag}; a resume of an
 * unchanged plan submits the DAG again, so that DAGMan reads its rescue file.
 */
final class DagChaining implements CondorChaining {
    private static final Pattern SUBMITTED = Pattern.compile("(\\d+) job\\(s\\) submitted to cluster (\\d+)\\.");

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
            if (jobs.get(i).blindRetries() > 0) file.retries.put(node.name(), jobs.get(i).blindRetries());
            Path pre = CondorScheduler.preScript(node);
            if (Files.exists(pre)) file.preScripts.put(node.name(), pre.getFileName().toString());
        }
        for (int i = 0; i < jobs.size(); i++) {
            for (String parent : parents(jobs.get(i))) if (names.contains(parent)) file.edge(parent, nodes.get(i).name());
        }
        file.nodeStatusFile = dag.getFileName() + ".status";
        file.jobstateLog = dag.getFileName() + ".jobstate.log";
        try {
            Files.createDirectories(dag.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dag.getParent(), e);
        }
        AtomicFiles.write(dag, file.render());
        submitDag(dag);
    }

    /** Nothing to do: DAGMan submits each node when its parents are done. */
    @Override
    public void advance() {
    }

    /** A node of a DAG that has ended (or was never submitted) gets no cluster any more. */
    @Override
    public boolean abandoned(CondorRegistry.Node node, Integer cluster) {
        return !registry.dagmanIds().containsKey(node.dag()) || logs.dagFinished(node.dag());
    }

    /**
     * Submits the latest DAG again once its DAGMan ended with a rescue file: DAGMan skips the
     * nodes the rescue file marks DONE. Returns the other nodes.
     */
    @Override
    public List<String> resubmitLast() throws SubmitException {
        Path dag = registry.dagmanIds().keySet().stream().max(Comparator.comparing(Path::toString)).orElse(null);
        if (dag == null || !logs.dagFinished(dag)) return List.of();
        Path rescue = latestRescue(dag);
        if (rescue == null) return List.of();
        Set<String> done = new HashSet<>();
        for (String line : CondorRegistry.lines(rescue)) {
            String[] w = line.strip().split("\\s+");
            if (w.length == 2 && w[0].equalsIgnoreCase("DONE")) done.add(w[1]);
        }
        List<String> again = DagFile.parse(String.join("\n", CondorRegistry.lines(dag))).nodes.keySet().stream().filter(n -> !done.contains(n)).toList();
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
        String batch = SubmissionNames.unique(runName + "." + dag.getFileName());
        registry.addBatchName(dag, batch);
        SchedulerCommands.Output out = commands.run(List.of("condor_submit_dag", "-batch-name", batch, dag.getFileName().toString()),
                dag.getParent());
        Matcher m = SUBMITTED.matcher(out.stdout());
        if (out.exit() != 0 || !m.find()) throw new SubmitException(out.message());
        registry.addDag(dag, m.group(2), batch);
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
