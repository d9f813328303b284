package flow.cli;

import flow.exec.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a run's stages: done, running, failed, pending.")
final class StatusCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "run name or directory (default: the latest)")
    String runName;

    @Override
    public Integer call() {
        var run = new Workspace().runs().find(runName);
        String executor = flow.run.RunRecord.read(run.runJson()).executor();
        StatusReport report = executor.equals("local") ? new StatusReport(run)
                : new StatusReport(run, flow.exec.grid.GridLedger.unsettledStates(Workspace.scheduler(executor, run), run));
        System.out.print(report.table());
        return 0;
    }
}
