package flow.model;

import java.util.Set;

/**
 * How often a failed task is tried again, and for which failure classes. A step error is not
 * retried blindly: it must be named in {@code on:}.
 */
public record RetrySpec(int maxRetries, Set<FailureClass> on) {
    public static final RetrySpec NONE = new RetrySpec(0, FailureClass.TRANSIENT);

    public boolean allows(FailureClass failure, int retriesSoFar) {
        return failure != null && retriesSoFar < maxRetries && on.contains(failure);
    }
}
