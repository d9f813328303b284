package flow.run;

import flow.model.FailureClass;

/**
 * What resume makes of one task: DONE, to run again and why ({@code missing},
 * {@code failed: exit 3}, {@code input changed: data/a.txt}, ...), or removed (its inputs or
 * scan point are no longer planned: kept, never run).
 *
 * @param regenerate the task is DONE but its outputs were cleaned and a rerunning consumer
 *                   needs them: running it again does not invalidate its other consumers
 * @param outputsDigest for a task with a successful result, the digest of its outputs (what its
 *                   consumers recorded); null otherwise. Only this is kept of the result, so that
 *                   a run of a million tasks is judged in little memory
 * @param restamp    for a DONE task whose identity changed without a change of what it does (an
 *                   input touched, same content): its result under the new identity, to write
 * @param leftFailed for a failed task left failed, its failure label ({@code exit 3}, a class;
 *                   {@code dependency_never_satisfied} for one that reads such a task); else null.
 *                   A watch tick runs again only what failed for a reason its stage retries, or
 *                   whose identity changed
 */
public record Verdict(String stage, int index, boolean done, String reason, boolean regenerate, boolean removed,
                      String outputsDigest, TaskResult restamp, String leftFailed) {
    public static Verdict done(String stage, int index, String outputsDigest) {
        return new Verdict(stage, index, true, "done", false, false, outputsDigest, null, null);
    }

    public static Verdict held(String stage, int index, String label, String why) {
        return new Verdict(stage, index, false, FailureClass.state(label) + " (" + why + ")", false, false, null, null, label);
    }

    public boolean held() {
        return leftFailed != null;
    }

    /** DONE, although its inputs' times changed: their content did not ({@code reason} names them). */
    public static Verdict restamped(String stage, int index, String reason, String outputsDigest, TaskResult restamp) {
        return new Verdict(stage, index, true, reason, false, false, outputsDigest, restamp, null);
    }

    public static Verdict rerun(String stage, int index, String reason) {
        return new Verdict(stage, index, false, reason, false, false, null, null, null);
    }

    public static Verdict removed(String stage, int index, String reason) {
        return new Verdict(stage, index, false, reason, false, true, null, null, null);
    }

    /** This DONE task runs again after all: a rerunning consumer needs its cleaned outputs. */
    public Verdict regenerated(String why) {
        return new Verdict(stage, index, false, why, true, false, outputsDigest, null, null);
    }

    public String label() {
        return stage + "[" + index + "]";
    }

    /** Whether resume runs it. */
    public boolean runs() {
        return !done && !removed && leftFailed == null;
    }

    /** A rerun that may change the task's outputs, so its consumers must run again too. */
    public boolean changes() {
        return runs() && !regenerate;
    }
}
