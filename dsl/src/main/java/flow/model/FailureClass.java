package flow.model;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Why a task failed. Retry policies act on these. */
public enum FailureClass {
    STEP_ERROR,
    MISSING_OUTPUTS,
    INPUT_MISSING,
    OUT_OF_MEMORY,
    TIME_LIMIT,
    NODE_FAILURE,
    PREEMPTED,
    HELD,
    TRANSFER_FAILURE,
    /** The scheduler refused the job (a submit description it rejects): nothing ran. */
    SUBMIT_FAILURE,
    CANCELLED,
    DEPENDENCY_NEVER_SATISFIED;

    /** Failures that say nothing about the task itself: retried by default. */
    public static final Set<FailureClass> TRANSIENT =
            EnumSet.of(OUT_OF_MEMORY, TIME_LIMIT, NODE_FAILURE, PREEMPTED, TRANSFER_FAILURE);

    /** The spelling used in .flow files, result files and reports: {@code out_of_memory}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How reports name a failure: {@code exit 3} for a step error (or none), else its key ({@code out_of_memory}). */
    public static String label(FailureClass failure, Object exit) {
        return failure == null || failure == STEP_ERROR ? "exit " + exit : failure.key();
    }

    /**
     * A task that ended with this label, in the vocabulary of task states: a task that never ran
     * because an upstream one failed is blocked, a cancelled one cancelled, any other failed.
     */
    public static String state(String label) {
        if (label.equals(DEPENDENCY_NEVER_SATISFIED.key())) return "blocked (an upstream task failed)";
        if (label.equals(CANCELLED.key())) return "cancelled";
        return "failed: " + label;
    }

    public static Optional<FailureClass> fromKey(String key) {
        return Arrays.stream(values()).filter(c -> c.key().equals(key)).findFirst();
    }
}
