package flow.exec;

import flow.run.RunRecord;

import java.util.Map;

/**
 * How a launch runs, whatever the executor: tasks at once (local; null when not given), whether
 * the first failure stops the run (local), whether the head exits once everything is submitted
 * (batch executors), and whether HTCondor's stages are chained by the head instead of DAGMan.
 * Executors refuse the options they cannot honour ({@link Executor#check}).
 */
public record LaunchOptions(Integer maxParallel, boolean failFast, boolean detach, boolean noDag) {
    public LaunchOptions {
        if (maxParallel != null && maxParallel < 1) throw new IllegalArgumentException("--max-parallel must be at least 1");
    }

    /** Tasks at once on this machine: as given, else one per core. */
    public int parallelism() {
        return maxParallel != null ? maxParallel : Runtime.getRuntime().availableProcessors();
    }

    /** Writes these options into a run's recorded options, for resumes and for the scheduler of a later command. */
    public void record(Map<String, Object> options) {
        if (maxParallel != null) options.put("maxParallel", maxParallel);
        else options.remove("maxParallel");
        options.put("failFast", failFast);
        if (noDag) options.put("noDag", true);
    }

    /** The options a run was launched with, as run.json records them (never detached: each command says so itself). */
    public static LaunchOptions recordedIn(RunRecord record) {
        return new LaunchOptions(record.options().get("maxParallel") instanceof Number n ? n.intValue() : null,
                Boolean.TRUE.equals(record.options().get("failFast")), false, Boolean.TRUE.equals(record.options().get("noDag")));
    }
}
