package flow.exec.grid;

import flow.model.Resources;
import flow.util.Quantities;

/**
 * How much a retry asks for after out-of-memory or a time limit, for every scheduler alike: the
 * first request times the factor of its failures, memory at most {@code maxMemory} (by default
 * 8× the first request).
 */
public final class RetryScaling {
    private RetryScaling() {}

    /** The memory request {@code key} (memory or memPerCpu) times {@code factor}, in megabytes. */
    public static long megabytes(Resources resources, String key, String fallback, int factor) {
        long base = resources.megabytes(key).orElseGet(() -> Quantities.megabytes(fallback));
        long cap = resources.megabytes("maxMemory").orElse(base * 8);
        return Math.min(cap, base * factor);
    }

    /** The time limit times {@code factor}, in minutes. */
    public static long minutes(Resources resources, int factor) {
        return resources.minutes().orElseThrow() * factor;
    }
}
