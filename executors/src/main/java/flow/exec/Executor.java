package flow.exec;

import flow.run.RunDir;

import flow.plan.Plan;
import flow.run.TaskKey;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A way to run a run's tasks: on this machine, or on a batch scheduler. Executors are plug-ins
 * found by name through {@link java.util.ServiceLoader} ({@code META-INF/services/flow.exec.Executor}),
 * as steps are: a site adds one by putting its jar on flow's class path.
 */
public interface Executor {
    /** The name {@code executor '...'} in a .flow file and {@code --executor} use. */
    String name();

    /** Whether this machine can submit to it (its commands are on PATH). */
    boolean availableHere();

    /** Refuses, before anything is written, launch options this executor cannot honour. */
    default void check(LaunchOptions options) {
        if (options.noDag()) throw new IllegalArgumentException("--no-dag is not an option of the " + name() + " executor");
    }

    /** Refuses, before anything is written, what a plan asks of this executor that it cannot honour (resources it would drop). */
    default void checkPlan(Plan plan) {
    }

    /**
     * Runs or resumes the launch's tasks under the run's lock, and follows them to the end unless
     * detached.
     *
     * @return 0 when every task is DONE (or, detached, everything was submitted), else 1
     */
    int drive(Launch launch) throws InterruptedException;

    /**
     * What a submission of {@code toRun} would write for the scheduler and which commands it
     * would run, without writing or submitting anything: what a dry run shows.
     */
    SubmissionPreview render(RunDir run, Plan plan, Map<String, List<Integer>> toRun, LaunchOptions options);

    /** Stops a running run; prints what it did. @return the exit code */
    int cancel(RunDir run, PrintStream out) throws InterruptedException;

    /**
     * Where each attempt of each task wrote its stdout and stderr, oldest first: what the run's
     * records say is read once, then asked per task (a status or a log of many tasks).
     */
    java.util.function.Function<TaskKey, List<TaskLog>> taskLogs(RunDir run);

    /** How the run stands, with what this executor knows of the tasks not yet settled. */
    StatusReport status(RunDir run);

    /**
     * For executors whose jobs run without the run directory: prepares, just before a group of a
     * stage's tasks is submitted, what their jobs are sent ({@code flow stage-in}, called by the
     * scheduler's own hook). {@code items} lists the tasks; {@code prepared} is written.
     */
    /**
     * The run's tasks the scheduler holds now (pending or running), which count against
     * {@code maxJobs}; empty for an executor whose head runs the tasks itself, where
     * {@code maxJobs} bounds the tasks at once instead.
     */
    default java.util.Optional<java.util.Set<TaskKey>> queued(RunDir run) {
        return java.util.Optional.empty();
    }

    default void stageIn(RunDir run, String stage, Path items, Path prepared) {
        throw new IllegalArgumentException("the " + name() + " executor sends no files to its jobs: there is nothing to stage in");
    }
}
