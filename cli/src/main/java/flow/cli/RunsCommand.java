package flow.cli;

import flow.exec.StatusReport;
import flow.run.RunDir;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "List the runs launched from this directory.")
final class RunsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        var runs = new Workspace().runs().list();
        if (runs.isEmpty()) {
            System.out.println("no runs yet in " + new Workspace().runs().dir());
            return 0;
        }
        System.out.printf("%-40s %-16s %9s  %s%n", "RUN", "PIPELINE", "DONE", "STATE");
        for (RunDir run : runs) {
            StatusReport report = new StatusReport(run);
            int done = report.stages().stream().mapToInt(c -> c.done).sum();
            int total = report.stages().stream().mapToInt(c -> c.total).sum();
            System.out.printf("%-40s %-16s %9s  %s%n", run.name(), report.record().pipeline(), done + "/" + total, report.state());
        }
        return 0;
    }
}
