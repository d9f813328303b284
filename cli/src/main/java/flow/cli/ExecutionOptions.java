package flow.cli;

import flow.exec.LocalExecutor;
import picocli.CommandLine.Option;

/** Options shared by run and resume. */
final class ExecutionOptions {
    @Option(names = "--max-parallel", paramLabel = "N", description = "tasks at once on the local executor (default: number of cores)")
    Integer maxParallel;

    @Option(names = "--fail-fast", description = "stop starting tasks at the first failure")
    boolean failFast;

    @Option(names = "--detach", description = "batch executors: submit everything and exit at once")
    boolean detach;

    @Option(names = "--no-dag", description = "condor: no DAGMan; the head submits each stage when its parents succeeded (cannot --detach)")
    boolean noDag;

    LocalExecutor.Options resolve() {
        int n = maxParallel != null ? maxParallel : Runtime.getRuntime().availableProcessors();
        if (n < 1) throw new IllegalArgumentException("--max-parallel must be at least 1");
        return new LocalExecutor.Options(n, failFast);
    }
}
