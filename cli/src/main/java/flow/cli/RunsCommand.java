package flow.cli;

import flow.exec.StatusReport;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "List the runs launched from this directory, newest first.")
final class RunsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        var runs = new Workspace().runs().list();
        if (runs.isEmpty()) {
            System.out.println("no runs yet in " + new Workspace().runs().dir());
            return 0;
        }
        List<StatusReport> reports = new ArrayList<>(runs.stream().map(StatusReport::new).toList());
        reports.sort(Comparator.comparing((StatusReport r) -> r.started() == null ? "" : r.started()).reversed()
                .thenComparing(r -> r.record().name()));
        System.out.printf("%-32s %-20s %-9s %-16s %9s %7s  %s%n", "RUN", "STARTED", "EXECUTOR", "PIPELINE", "DONE", "FAILED", "STATE");
        for (StatusReport report : reports) {
            int done = report.stages().stream().mapToInt(c -> c.done).sum();
            int failed = report.stages().stream().mapToInt(c -> c.failed).sum();
            int total = report.stages().stream().mapToInt(c -> c.total).sum();
            String started = report.started() == null ? "-" : report.started().replace('T', ' ').replaceAll("\\.\\d+", "").replace("Z", "");
            System.out.printf("%-32s %-20s %-9s %-16s %9s %7d  %s%n", report.record().name(), started, report.record().executor(),
                    report.record().pipeline(), done + "/" + total, failed, report.state());
        }
        return 0;
    }
}
