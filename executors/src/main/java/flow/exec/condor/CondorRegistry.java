package flow.exec.condor;

import flow.exec.grid.SchedulerFiles;
import flow.run.RunDir;
import flow.util.IndexRanges;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTCondor executor's records under {@code <run>/condor/}, appended by the head:
 * {@code nodes.tsv} (node, stage, event log, items file, DAG or {@code -}), {@code batches.tsv}
 * (DAG, batch name, written before the DAG is submitted), {@code dags.tsv} (DAG, DAGMan
 * cluster, batch name, written once it was), {@code clusters.tsv} (node, cluster, for nodes submitted without a
 * DAG), {@code stale.tsv} (node, newest cluster before it was resubmitted) and {@code releases.tsv}
 * (one {@code cluster.proc} per release from a hold).
 */
final class CondorRegistry {
    /** The DAG column of a node that no DAG submits: the head does, with condor_submit. */
    static final String NO_DAG = "-";

    record Node(String name, String stage, Path eventLog, Path items, Path dag) {}

    private final Path dir;
    private final SchedulerFiles files;

    CondorRegistry(RunDir run, SchedulerFiles files) {
        this.dir = run.root().resolve("condor");
        this.files = files;
    }

    Path dir() {
        return dir;
    }

    Path dagFile(int attempt) {
        return dir.resolve("flow." + attempt + ".dag");
    }

    Map<String, Node> nodes() {
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (String[] f : rows("nodes.tsv", 5)) nodes.put(f[0], new Node(f[0], f[1], Path.of(f[2]), Path.of(f[3]), Path.of(f[4])));
        return nodes;
    }

    void addNodes(List<Node> nodes) {
        StringBuilder text = new StringBuilder();
        nodes.forEach(n -> text.append(String.join("\t", n.name(), n.stage(), n.eventLog().toString(), n.items().toString(),
                n.dag().toString())).append('\n'));
        append(dir.resolve("nodes.tsv"), text.toString());
    }

    /** The DAGMan cluster of each DAG submitted; the latest submission wins. */
    Map<Path, String> dagmanIds() {
        Map<Path, String> ids = new HashMap<>();
        for (String[] f : rows("dags.tsv", 3)) ids.put(Path.of(f[0]), f[1]);
        return ids;
    }

    /** The batch names of the submissions whose DAGMan cluster is recorded. */
    Set<String> recordedBatches() {
        Set<String> names = new HashSet<>();
        for (String[] f : rows("dags.tsv", 3)) names.add(f[2]);
        return names;
    }

    /** The batch name of each DAG's latest submission, recorded before it was submitted. */
    Map<Path, String> batchNames() {
        Map<Path, String> names = new LinkedHashMap<>();
        for (String[] f : rows("batches.tsv", 2)) names.put(Path.of(f[0]), f[1]);
        return names;
    }

    void addBatchName(Path dag, String batchName) {
        append(dir.resolve("batches.tsv"), dag + "\t" + batchName + "\n");
    }

    void addDag(Path dag, String dagmanCluster, String batchName) {
        append(dir.resolve("dags.tsv"), dag + "\t" + dagmanCluster + "\t" + batchName + "\n");
    }

    /** Clusters of nodes submitted without a DAG, by cluster. */
    Map<Integer, String> clusters() {
        Map<Integer, String> clusters = new HashMap<>();
        for (String[] f : rows("clusters.tsv", 2)) clusters.put(Integer.parseInt(f[1]), f[0]);
        return clusters;
    }

    void addCluster(String node, int cluster) {
        append(dir.resolve("clusters.tsv"), node + "\t" + cluster + "\n");
    }

    /** Per node, the newest cluster that a resubmission made stale. */
    Map<String, Integer> staleUpTo() {
        Map<String, Integer> stale = new HashMap<>();
        rows("stale.tsv", 2).forEach(f -> stale.merge(f[0], Integer.parseInt(f[1]), Math::max));
        return stale;
    }

    void addStale(String node, int cluster) {
        append(dir.resolve("stale.tsv"), node + "\t" + cluster + "\n");
    }

    /** How often flow released the proc {@code cluster.proc} from a hold. */
    int releases(String proc) {
        return (int) rows("releases.tsv", 1).stream().filter(f -> f[0].equals(proc)).count();
    }

    void addRelease(String proc) {
        append(dir.resolve("releases.tsv"), proc + "\n");
    }

    /** The rows of one of the records with the expected number of columns (a torn last line has fewer). */
    private List<String[]> rows(String file, int columns) {
        return files.lines(dir.resolve(file)).stream().map(l -> l.split("\t")).filter(f -> f.length == columns).toList();
    }

    /** The task index of each proc of a node (a batch's first). */
    List<Integer> items(Path file) {
        return items(files.lines(file));
    }

    /** The task index of each proc: its items line's, or the first of its batch's ({@code 0-9,12}). */
    static List<Integer> items(List<String> lines) {
        return lines.stream().filter(l -> !l.isBlank()).map(l -> IndexRanges.parse(l.strip()).get(0)).toList();
    }

    private void append(Path file, String text) {
        files.append(file, text);
    }
}
