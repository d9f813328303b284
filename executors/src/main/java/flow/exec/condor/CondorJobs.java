package flow.exec.condor;

import flow.run.AttemptFigures;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Job states from event-log records, per {@code cluster.proc} (FORMATS.md §4.5): submit → idle,
 * execute → running, evicted / shadow exception / reconnect failed → idle again, held (not
 * terminal: it may be released), released → idle, terminated → done with a return value or a
 * signal, aborted → removed (with its reason); a cluster removed (036) removes the procs it never
 * materialised. Records of other clusters, and other negative procs (transfer shadows), are ignored.
 */
public final class CondorJobs {
    public enum Status { IDLE, RUNNING, SUSPENDED, HELD, DONE, REMOVED }

    /**
     * @param exitCode return value of a normal termination; null otherwise
     * @param signal   signal of an abnormal termination; null otherwise
     * @param removeReason why it was aborted (event 009), when it was
     * @param holdEvents how many times it was held so far
     */
    public record Job(int cluster, int proc, Status status, Integer exitCode, Integer signal, Integer holdCode,
                      Integer holdSubcode, String holdReason, String dagNode, String removeReason, int holdEvents) {
        public boolean terminal() {
            return status == Status.DONE || status == Status.REMOVED;
        }

        Job with(Status s) {
            return new Job(cluster, proc, s, exitCode, signal, holdCode, holdSubcode, holdReason, dagNode, removeReason, holdEvents);
        }
    }

    private final Set<Integer> clusters;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Set<Integer> removedClusters = new java.util.HashSet<>();
    /** What each proc's last run used, as its execute, terminate and hold events tell it. */
    private final Map<String, AttemptFigures> figures = new LinkedHashMap<>();

    /** @param clusters the clusters to follow; empty for every cluster in the log */
    public CondorJobs(Set<Integer> clusters) {
        this.clusters = clusters;
    }

    public void applyAll(Collection<CondorEvent> events) {
        events.forEach(this::apply);
    }

    public void apply(CondorEvent e) {
        if (e.code() == CondorEvent.CLUSTER_REMOVED && (clusters.isEmpty() || clusters.contains(e.cluster()))) {
            removedClusters.add(e.cluster());
            return;
        }
        if (e.proc() < 0 || e.cluster() < 0 || (!clusters.isEmpty() && !clusters.contains(e.cluster()))) return;
        String key = e.cluster() + "." + e.proc();
        Job job = jobs.getOrDefault(key, new Job(e.cluster(), e.proc(), Status.IDLE, null, null, null, null, null, null, null, 0));
        job = switch (e.code()) {
            case CondorEvent.SUBMIT -> new Job(e.cluster(), e.proc(), Status.IDLE, null, null, null, null, null,
                    e.dagNode().orElse(job.dagNode()), null, 0);
            case CondorEvent.EXECUTE, CondorEvent.UNSUSPENDED -> job.with(Status.RUNNING);
            case CondorEvent.EVICTED, CondorEvent.SHADOW_EXCEPTION, CondorEvent.RECONNECT_FAILED, CondorEvent.RELEASED ->
                    job.with(Status.IDLE);
            case CondorEvent.SUSPENDED -> job.with(Status.SUSPENDED);
            case CondorEvent.HELD -> new Job(job.cluster(), job.proc(), Status.HELD, null, null, e.holdCode().orElse(null),
                    e.holdSubcode().orElse(null), e.holdReason().orElse("Reason unspecified"), job.dagNode(), null, job.holdEvents() + 1);
            case CondorEvent.TERMINATED -> new Job(job.cluster(), job.proc(), Status.DONE, e.returnValue().orElse(null),
                    e.signal().orElse(null), null, null, null, job.dagNode(), null, job.holdEvents());
            case CondorEvent.ABORTED -> new Job(job.cluster(), job.proc(), Status.REMOVED, job.exitCode(), job.signal(), job.holdCode(), job.holdSubcode(),
                    job.holdReason(), job.dagNode(), e.abortReason().orElse(null), job.holdEvents());
            case CondorEvent.EXECUTABLE_ERROR -> job.with(Status.REMOVED);
            default -> job; // image size, file transfer, ad information, ...: informational
        };
        jobs.put(key, job);
        measure(key, e);
    }

    /**
     * A run starts at its execute event, on the host it names, and ends at its terminate or hold
     * event, which carry its CPU and memory (event times are the schedd's local time).
     */
    private void measure(String key, CondorEvent e) {
        String time = e.time().atZone(java.time.ZoneId.systemDefault()).toInstant().toString();
        switch (e.code()) {
            case CondorEvent.SUBMIT -> figures.remove(key);
            case CondorEvent.EXECUTE -> figures.put(key, new AttemptFigures(time, null, null, null, null, e.executeHost().orElse(null)));
            case CondorEvent.TERMINATED, CondorEvent.HELD, CondorEvent.EVICTED -> figures.computeIfPresent(key, (k, run) ->
                    new AttemptFigures(run.started(), time, e.runCpuSeconds().orElse(null), e.memoryUsageMb().orElse(null),
                            e.memoryRequestMb().orElse(null), run.node()));
            default -> { }
        }
    }

    /** What the proc's last run used, if it ran. */
    public AttemptFigures figures(int cluster, int proc) {
        return figures.get(cluster + "." + proc);
    }

    /** Jobs by {@code cluster.proc}, in order of first appearance. */
    public Map<String, Job> jobs() {
        return jobs;
    }

    /**
     * The proc as its log shows it. A proc of a removed cluster that never appeared was never
     * materialised (late materialisation, max_materialize) and never will be: it is removed too
     * (event 036, src/condor_schedd.V6/schedd.cpp:6250-6260).
     */
    public Job job(int cluster, int proc) {
        Job job = jobs.get(cluster + "." + proc);
        if (job == null && removedClusters.contains(cluster)) {
            return new Job(cluster, proc, Status.REMOVED, null, null, null, null, null, null, "never materialised: its cluster was removed", 0);
        }
        return job;
    }
}
