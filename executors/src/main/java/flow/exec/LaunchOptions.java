package flow.exec;

/**
 * How a launch runs, whatever the executor: tasks at once (local), whether the first failure
 * stops the run, whether the head exits once everything is submitted (batch executors), and
 * whether HTCondor's stages are chained by the head instead of DAGMan.
 */
public record LaunchOptions(int maxParallel, boolean failFast, boolean detach, boolean noDag) {
    public LaunchOptions {
        if (maxParallel < 1) throw new IllegalArgumentException("--max-parallel must be at least 1");
    }

    /** As many tasks at once as this machine has cores, nothing else. */
    public static LaunchOptions defaults() {
        return new LaunchOptions(Runtime.getRuntime().availableProcessors(), false, false, false);
    }
}
