package flow.exec;

import java.util.Map;
import java.util.TreeMap;

/** How one stage stands: task counts and the failure classes seen. */
public final class StageCounts {
    public final String stage;
    public final int total;
    public int done;
    public int running;
    public int failed;
    /** Tasks that cannot run because an upstream stage failed. */
    public int blocked;
    /** Tasks planned once whose inputs or scan point are gone: not part of the total. */
    public int removed;
    public final Map<String, Integer> failures = new TreeMap<>();

    public StageCounts(String stage, int total) {
        this.stage = stage;
        this.total = total;
    }

    public int pending() {
        return total - done - running - failed - blocked;
    }

    public boolean complete() {
        return done == total;
    }

    public String summary() {
        StringBuilder s = new StringBuilder().append(done).append('/').append(total).append(" done");
        if (running > 0) s.append(", ").append(running).append(" running");
        if (failed > 0) s.append(", ").append(failed).append(" failed ").append(failures);
        if (blocked > 0) s.append(", ").append(blocked).append(" blocked");
        if (pending() > 0) s.append(", ").append(pending()).append(" pending");
        return s.toString();
    }
}
