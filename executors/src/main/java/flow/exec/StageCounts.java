package flow.exec;

import flow.model.FailureClass;

import java.util.Map;
import java.util.TreeMap;

/**
 * How one stage stands, in the one vocabulary of task states every view uses (the live display,
 * the end of a run, {@code flow status}, {@code flow runs}): done, running, failed (with the
 * labels of their classes), blocked (an upstream task failed, so it can never run), cancelled,
 * pending (none of these yet), and removed (planned once, its input or scan point gone: not
 * part of the total).
 */
public final class StageCounts {
    public final String stage;
    public final int total;
    public int done;
    public int running;
    public int failed;
    public int blocked;
    public int cancelled;
    public int removed;
    public final Map<String, Integer> failures = new TreeMap<>();

    public StageCounts(String stage, int total) {
        this.stage = stage;
        this.total = total;
    }

    /**
     * Counts a task that ended, by how it ended: {@code label} null for success, else
     * {@link FailureClass#label}. The classes that say the task never ran its step for a reason
     * of its own are states, not failures.
     *
     * @return whether it failed (and so is listed as a failure)
     */
    public boolean ended(String label) {
        if (label == null) {
            done++;
        } else if (label.equals(FailureClass.DEPENDENCY_NEVER_SATISFIED.key())) {
            blocked++;
        } else if (label.equals(FailureClass.CANCELLED.key())) {
            cancelled++;
        } else {
            failed++;
            failures.merge(label, 1, Integer::sum);
            return true;
        }
        return false;
    }

    public int pending() {
        return total - done - running - failed - blocked - cancelled;
    }

    public boolean complete() {
        return done == total;
    }

    /** The state word of the stage as a whole. */
    public String state() {
        if (failed > 0) return "FAILED";
        if (complete()) return "done";
        if (running > 0) return "running";
        if (cancelled > 0) return "cancelled";
        if (blocked > 0) return "blocked";
        return "pending";
    }

    public String summary() {
        StringBuilder s = new StringBuilder().append(done).append('/').append(total).append(" done");
        if (running > 0) s.append(", ").append(running).append(" running");
        if (failed > 0) s.append(", ").append(failed).append(" failed ").append(failures);
        if (blocked > 0) s.append(", ").append(blocked).append(" blocked");
        if (cancelled > 0) s.append(", ").append(cancelled).append(" cancelled");
        if (pending() > 0) s.append(", ").append(pending()).append(" pending");
        return s.toString();
    }
}
