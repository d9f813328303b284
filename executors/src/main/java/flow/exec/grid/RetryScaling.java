package flow.exec.grid;

import flow.util.Quantities;

import java.util.Map;

/**
 * How much a retry asks for after out-of-memory or a time limit, for every scheduler alike: the
 * first request times the factor of its failures, memory at most {@code maxMemory} (by default
 * 8× the first request).
 */
public final class RetryScaling {
    private RetryScaling() {}

    /** The memory request {@code key} (memory or memPerCpu) times {@code factor}, in megabytes. */
    public static long megabytes(Map<String, Object> resources, String key, Object fallback, int factor) {
        long base = Quantities.megabytes(resources.getOrDefault(key, fallback));
        long cap = resources.get("maxMemory") != null ? Quantities.megabytes(resources.get("maxMemory")) : base * 8;
        return Math.min(cap, base * factor);
    }

    /** The time limit times {@code factor}, in minutes. */
    public static long minutes(Map<String, Object> resources, int factor) {
        return Quantities.minutes(resources.get("time")) * factor;
    }
}
