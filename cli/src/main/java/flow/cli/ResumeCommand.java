package flow.cli;

import flow.exec.Launcher;
import flow.run.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Finish a run: run again only the tasks that are not DONE or whose step, parameters, configuration files or inputs changed; new inputs and scan points become new tasks.")
final class ResumeCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "run name or directory (default: the latest)")
    String runName;

    @Mixin
    DryRunOptions dryRun;

    /** Corrections of params values, kept for later resumes. */
    @Mixin
    ParamsOptions params;

    @Option(names = "--force-unlock", description = "take the run over from a head on another host whose lock lease expired")
    boolean forceUnlock;

    @Mixin
    ExecutionOptions execution;

    @Mixin
    ResourceOptions resources;

    @Override
    public Integer call() throws Exception {
        Workspace ws = new Workspace();
        RunDir run = ws.runs().find(runName);
        int exit = ws.launcher().resume(run, new Launcher.ResumeRequest(dryRun.resolve(), execution.maxParallel, execution.failFast, execution.detach,
                params.resolve(), resources.overrides(), forceUnlock, false));
        if (dryRun.resolve() == null) execution.report(run);
        return exit;
    }
}
