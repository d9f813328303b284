package flow.exec.grid;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Names under which a submission is recorded before the scheduler sees it (a SLURM job name, an
 * HTCondor batch name), so that a resume can find it by name: unique to it, and plain enough for
 * any scheduler to take.
 */
public final class SubmissionNames {
    private SubmissionNames() {}

    /** {@code base}, a dot and a random part, with anything but letters, digits, {@code . _ -} made {@code _}. */
    public static String unique(String base) {
        return sanitized(base) + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    }

    static String sanitized(String base) {
        return base.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
