package flow.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a run's stages: done, running, failed, pending.",
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:every task is done", "1:the run ended without that (failed or cancelled)",
                "3:tasks are still running or pending", "2:bad input"})
final class StatusCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "run name or directory (default: the latest)")
    String runName;

    @Option(names = "--report", description = "also write the run's report.html afresh (while a detached run goes on)")
    boolean html;

    @Override
    public Integer call() {
        Workspace ws = new Workspace();
        var run = ws.runs().find(runName);
        var report = ws.launcher().status(run);
        System.out.print(report.table());
        if (html) System.out.println("report: " + ReportCommand.write(run, null));
        return report.exitCode();
    }
}
