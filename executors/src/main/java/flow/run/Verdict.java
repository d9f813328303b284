package flow.run;

/**
 * What resume makes of one task: DONE, or to run again and why ({@code missing},
 * {@code failed: exit 3}, {@code input changed: data/a.txt}, ...).
 *
 * @param regenerate the task is DONE but its outputs were cleaned and a rerunning consumer
 *                   needs them: running it again does not invalidate its other consumers
 * @param result     the task's last result, if it has a readable one
 */
public record Verdict(String stage, int index, boolean done, String reason, boolean regenerate, TaskResult result) {
    public static Verdict done(String stage, int index, TaskResult result) {
        return new Verdict(stage, index, true, "done", false, result);
    }

    public static Verdict rerun(String stage, int index, String reason, TaskResult result) {
        return new Verdict(stage, index, false, reason, false, result);
    }

    public String label() {
        return stage + "[" + index + "]";
    }

    /** A rerun that may change the task's outputs, so its consumers must run again too. */
    public boolean changes() {
        return !done && !regenerate;
    }
}
