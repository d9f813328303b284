package flow.exec.condor;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the event logs say, read incrementally: the jobs of each log, which DAG node each
 * cluster belongs to (the DAG's JOBSTATE_LOG, the submit event's note in either of its forms, or
 * the registry for clusters the head submitted), and whether a DAGMan job has ended.
 */
final class CondorLogs {
    private final CondorRegistry registry;
    private final Map<Path, EventLogReader> readers = new HashMap<>();
    private final Map<Path, CondorJobs> jobsByLog = new HashMap<>();
    private final Map<Integer, String> nodeOfCluster = new HashMap<>();
    private final Map<Path, JobstateLog> jobstates = new HashMap<>();
    private long lastEventMillis = System.currentTimeMillis();

    CondorLogs(CondorRegistry registry) {
        this.registry = registry;
    }

    /** The jobs of a log, with whatever it gained since the last call. */
    CondorJobs follow(Path eventLog) {
        CondorJobs jobs = jobsByLog.computeIfAbsent(eventLog, l -> new CondorJobs(Set.of()));
        List<CondorEvent> events = readers.computeIfAbsent(eventLog, EventLogReader::new).poll();
        if (!events.isEmpty()) lastEventMillis = System.currentTimeMillis();
        for (CondorEvent e : events) {
            if (e.code() == CondorEvent.SUBMIT) e.dagNode().ifPresent(n -> nodeOfCluster.put(e.cluster(), n));
            jobs.apply(e);
        }
        return jobs;
    }

    /** Milliseconds since any followed log last gained a record. */
    long quietMillis() {
        return System.currentTimeMillis() - lastEventMillis;
    }

    /** A DAG's JOBSTATE_LOG, with what it gained since the last call. */
    JobstateLog jobstate(Path dag) {
        return jobstates.computeIfAbsent(dag, d -> new JobstateLog(DagChaining.jobstateLog(d))).poll();
    }

    /** The node's newest cluster, ignoring those a resubmission made stale. */
    Integer latestCluster(String node) {
        return latestClusters().get(node);
    }

    /**
     * Every node's newest cluster, ignoring those a resubmission made stale: the records and the
     * DAGs' JOBSTATE_LOGs read once, for a query that asks about many nodes.
     */
    Map<String, Integer> latestClusters() {
        registry.clusters().forEach(nodeOfCluster::putIfAbsent);
        registry.dagmanIds().keySet().forEach(dag -> nodeOfCluster.putAll(jobstate(dag).nodeOfCluster()));
        Map<String, Integer> stale = registry.staleUpTo();
        Map<String, Integer> latest = new java.util.HashMap<>();
        nodeOfCluster.forEach((cluster, node) -> {
            if (cluster > stale.getOrDefault(node, Integer.MIN_VALUE)) latest.merge(node, cluster, Math::max);
        });
        return latest;
    }

    void clusterOf(String node, int cluster) {
        nodeOfCluster.put(cluster, node);
    }

    /** DAGMan's own event log shows the DAGMan job terminated or removed. */
    boolean dagFinished(Path dag) {
        CondorJobs dagman = follow(Path.of(dag + ".dagman.log"));
        return !dagman.jobs().isEmpty() && dagman.jobs().values().stream().allMatch(CondorJobs.Job::terminal);
    }
}
