package flow.cli;

import flow.exec.LaunchOptions;
import picocli.CommandLine.Option;

/** Options shared by run and resume. */
final class ExecutionOptions {
    @Option(names = "--max-parallel", paramLabel = "N", description = "tasks at once on the local executor (default: number of cores)")
    Integer maxParallel;

    @Option(names = "--fail-fast", description = "local executor: stop starting tasks at the first failure")
    boolean failFast;

    @Option(names = "--detach", description = "batch executors: submit everything and exit at once")
    boolean detach;

    @Option(names = "--no-dag", description = "HTCondor: no DAGMan; the head submits each stage when its parents succeeded (cannot --detach)")
    boolean noDag;

    LaunchOptions resolve() {
        return new LaunchOptions(maxParallel, failFast, detach, noDag);
    }
}
