package flow.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What flow run and flow submit both take: the executor, a dry run, execution and resource options. */
final class LaunchOptions {
    @Option(names = "--executor", description = "the executor to run on (default: the .flow file's)")
    String executor;

    @Mixin
    DryRunOptions dryRun;

    @Mixin
    ExecutionOptions execution;

    @Mixin
    ResourceOptions resources;
}
