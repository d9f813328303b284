package flow.exec;

import flow.run.RunRecord;

import java.util.Map;

/**
 * How a launch runs, whatever the executor: tasks at once (local), whether the first failure
 * stops the run, whether the head exits once everything is submitted (batch executors), and
 * whether HTCondor's stages are chained by the head instead of DAGMan.
 */
public record LaunchOptions(int maxParallel, boolean failFast, boolean detach, boolean noDag) {
    public LaunchOptions {
        if (maxParallel < 1) throw new IllegalArgumentException("--max-parallel must be at least 1");
    }

    /** Writes these options into a run's recorded options, for resumes and for the scheduler of a later command. */
    public void record(Map<String, Object> options) {
        options.put("maxParallel", maxParallel);
        options.put("failFast", failFast);
        if (noDag) options.put("noDag", true);
    }

    /** The options a run was launched with, as run.json records them (never detached: each command says so itself). */
    public static LaunchOptions recordedIn(RunRecord record) {
        return new LaunchOptions(record.intOption("maxParallel", Runtime.getRuntime().availableProcessors()),
                Boolean.TRUE.equals(record.options().get("failFast")), false, Boolean.TRUE.equals(record.options().get("noDag")));
    }
}
