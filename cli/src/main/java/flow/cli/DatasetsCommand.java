package flow.cli;

import flow.exec.DatasetReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List a run's datasets (what its discover stages found) with their state: done, failed, running, pending or removed.")
final class DatasetsCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "run name or directory (default: the latest)")
    String runName;

    @Option(names = "--state", paramLabel = "STATE", description = "only datasets in this state: done, failed, running, pending, removed")
    String state;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table, tsv or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--stats", description = "counts by state instead of the list")
    boolean stats;

    @Option(names = "--by", paramLabel = "KEY", description = "with --stats: counts per value of this dataset value (e.g. experiment)")
    String by;

    @Override
    public Integer call() {
        if (state != null && !DatasetReport.STATES.contains(state)) {
            throw new IllegalArgumentException("--state: expected one of " + String.join(", ", DatasetReport.STATES) + ", got '" + state + "'");
        }
        if (by != null && !stats) throw new IllegalArgumentException("--by goes with --stats");
        Workspace ws = new Workspace();
        var run = ws.runs().find(runName);
        var status = ws.launcher().status(run);
        if (DatasetReport.stages(status.record()).isEmpty()) {
            throw new IllegalArgumentException("run " + run.name() + " has no datasets: none of its stages takes input files or 'inputs discover { ... }'");
        }
        List<DatasetReport.Row> rows = DatasetReport.rows(run, status).stream().filter(r -> state == null || r.state().equals(state)).toList();
        if (stats) {
            if (by != null && rows.stream().noneMatch(r -> r.values().containsKey(by))) {
                throw new IllegalArgumentException("--by " + by + ": no dataset has that value (values: "
                        + String.join(", ", rows.stream().flatMap(r -> r.values().keySet().stream()).distinct().toList()) + ")");
            }
            System.out.print(DatasetReport.stats(rows, by));
        } else {
            System.out.print(DatasetReport.render(rows, format));
        }
        return 0;
    }
}
