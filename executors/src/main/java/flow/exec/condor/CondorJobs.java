package flow.exec.condor;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Job states from event-log records, per {@code cluster.proc} (FORMATS.md §4.5): submit → idle,
 * execute → running, evicted / shadow exception / reconnect failed → idle again, held (not
 * terminal: it may be released), released → idle, terminated → done with a return value or a
 * signal, aborted → removed. Records of other clusters, and negative procs (cluster-level events,
 * transfer shadows), are ignored.
 */
public final class CondorJobs {
    public enum Status { IDLE, RUNNING, SUSPENDED, HELD, DONE, REMOVED }

    /**
     * @param exitCode return value of a normal termination; null otherwise
     * @param signal   signal of an abnormal termination; null otherwise
     */
    public record Job(int cluster, int proc, Status status, Integer exitCode, Integer signal, Integer holdCode,
                      Integer holdSubcode, String holdReason, String dagNode) {
        public boolean terminal() {
            return status == Status.DONE || status == Status.REMOVED;
        }

        Job with(Status s) {
            return new Job(cluster, proc, s, exitCode, signal, holdCode, holdSubcode, holdReason, dagNode);
        }
    }

    private final Set<Integer> clusters;
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    /** @param clusters the clusters to follow; empty for every cluster in the log */
    public CondorJobs(Set<Integer> clusters) {
        this.clusters = clusters;
    }

    public void applyAll(Collection<CondorEvent> events) {
        events.forEach(this::apply);
    }

    public void apply(CondorEvent e) {
        if (e.proc() < 0 || e.cluster() < 0 || (!clusters.isEmpty() && !clusters.contains(e.cluster()))) return;
        String key = e.cluster() + "." + e.proc();
        Job job = jobs.getOrDefault(key, new Job(e.cluster(), e.proc(), Status.IDLE, null, null, null, null, null, null));
        job = switch (e.code()) {
            case CondorEvent.SUBMIT -> new Job(e.cluster(), e.proc(), Status.IDLE, null, null, null, null, null,
                    e.dagNode().orElse(job.dagNode()));
            case CondorEvent.EXECUTE, CondorEvent.UNSUSPENDED -> job.with(Status.RUNNING);
            case CondorEvent.EVICTED, CondorEvent.SHADOW_EXCEPTION, CondorEvent.RECONNECT_FAILED, CondorEvent.RELEASED ->
                    job.with(Status.IDLE);
            case CondorEvent.SUSPENDED -> job.with(Status.SUSPENDED);
            case CondorEvent.HELD -> new Job(job.cluster(), job.proc(), Status.HELD, null, null, e.holdCode().orElse(null),
                    e.holdSubcode().orElse(null), e.holdReason().orElse("Reason unspecified"), job.dagNode());
            case CondorEvent.TERMINATED -> new Job(job.cluster(), job.proc(), Status.DONE, e.returnValue().orElse(null),
                    e.signal().orElse(null), null, null, null, job.dagNode());
            case CondorEvent.ABORTED, CondorEvent.EXECUTABLE_ERROR -> job.with(Status.REMOVED);
            default -> job; // image size, file transfer, ad information, ...: informational
        };
        jobs.put(key, job);
    }

    /** Jobs by {@code cluster.proc}, in order of first appearance. */
    public Map<String, Job> jobs() {
        return jobs;
    }

    public Job job(int cluster, int proc) {
        return jobs.get(cluster + "." + proc);
    }
}
