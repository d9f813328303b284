package flow.cli;

import flow.run.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Finish a run: run again only the tasks that are not DONE or whose step, parameters or inputs changed.")
final class ResumeCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "run name or directory (default: the latest)")
    String runName;

    @Option(names = "--dry-run", description = "list per stage what would run and why; write nothing")
    boolean dryRun;

    @Mixin
    ExecutionOptions execution;

    @Override
    public Integer call() throws Exception {
        Workspace ws = new Workspace();
        RunDir run = ws.runs().find(runName);
        return ws.launcher().resume(run, dryRun, execution.maxParallel, execution.failFast, execution.detach);
    }
}
