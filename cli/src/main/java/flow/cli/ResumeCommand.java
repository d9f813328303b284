package flow.cli;

import flow.exec.Launcher;
import flow.run.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.charset.Charset;
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

    /**
     * The exit of a first look that found tasks to run ({@code -Dflow.lookFirst=true}, set by the
     * {@code flow} launcher for a resume that is not a dry run). The launcher then resumes again
     * in a JVM that compiles with C2, which the head's work needs (in-process steps, digests),
     * while a resume with nothing to run, looked at in C1 alone, ends in the first JVM: on two
     * cores C2's compiles of a 100,000-task look cost more than the look (docs/benchmarks.md).
     */
    static final int WORK_TO_RUN = 75;

    @Override
    public Integer call() throws Exception {
        Workspace ws = new Workspace();
        RunDir run = ws.runs().find(runName);
        Launcher.ResumeRequest request = new Launcher.ResumeRequest(dryRun.resolve(), execution.maxParallel, execution.failFast, execution.detach,
                params.resolve(), resources.overrides(), forceUnlock, false);
        int exit;
        if (Boolean.getBoolean("flow.lookFirst") && request.dryRun() == null) {
            // printed as System.out would: only once the look found nothing to hand on
            HeldOutput held = new HeldOutput(System.out);
            try {
                exit = ws.launcher(new PrintStream(held, true, Charset.defaultCharset())).stoppingBeforeWork(held::release).resume(run, request);
            } catch (Launcher.WorkToRun work) {
                return WORK_TO_RUN; // the next JVM says it all again
            } catch (Exception | Error failed) {
                held.release();
                throw failed;
            }
            held.release();
        } else {
            exit = ws.launcher().resume(run, request);
        }
        if (request.dryRun() == null) execution.report(run);
        return exit;
    }
}
