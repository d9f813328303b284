package flow.exec.grid;

import flow.model.FailureClass;

/**
 * What the scheduler says of one array task.
 *
 * @param active  still pending or running: not settled
 * @param failure the scheduler-level failure, when it ended as one (null otherwise)
 * @param detail  the scheduler's own words: state, reason, exit code
 */
public record TaskState(String jobId, int arrayIndex, boolean active, FailureClass failure, int exitCode, String detail) {
    public ArrayTaskId arrayTask() {
        return new ArrayTaskId(jobId, arrayIndex);
    }
}
