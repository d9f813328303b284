package flow.run;

/**
 * What resume makes of one task: DONE, to run again and why ({@code missing},
 * {@code failed: exit 3}, {@code input changed: data/a.txt}, ...), or removed (its inputs or
 * scan point are no longer planned: kept, never run).
 *
 * @param regenerate the task is DONE but its outputs were cleaned and a rerunning consumer
 *                   needs them: running it again does not invalidate its other consumers
 * @param result     the task's last result, if it has a readable one
 * @param restamp    for a DONE task whose identity changed without a change of what it does (an
 *                   input touched, same content): its result under the new identity, to write
 */
public record Verdict(String stage, int index, boolean done, String reason, boolean regenerate, boolean removed,
                      TaskResult result, TaskResult restamp) {
    public static Verdict done(String stage, int index, TaskResult result) {
        return new Verdict(stage, index, true, "done", false, false, result, null);
    }

    /** DONE, although its inputs' times changed: their content did not ({@code reason} names them). */
    public static Verdict restamped(String stage, int index, String reason, TaskResult result, TaskResult restamp) {
        return new Verdict(stage, index, true, reason, false, false, result, restamp);
    }

    public static Verdict rerun(String stage, int index, String reason, TaskResult result) {
        return new Verdict(stage, index, false, reason, false, false, result, null);
    }

    public static Verdict removed(String stage, int index, String reason, TaskResult result) {
        return new Verdict(stage, index, false, reason, false, true, result, null);
    }

    /** This DONE task runs again after all: a rerunning consumer needs its cleaned outputs. */
    public Verdict regenerated(String why) {
        return new Verdict(stage, index, false, why, true, false, result, null);
    }

    public String label() {
        return stage + "[" + index + "]";
    }

    /** Whether resume runs it. */
    public boolean runs() {
        return !done && !removed;
    }

    /** A rerun that may change the task's outputs, so its consumers must run again too. */
    public boolean changes() {
        return runs() && !regenerate;
    }
}
