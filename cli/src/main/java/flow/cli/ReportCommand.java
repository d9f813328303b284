package flow.cli;

import flow.report.HtmlReport;
import flow.run.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a run's report: one self-contained HTML file (summary, stages, timeline, DAG, histograms, every attempt).")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "run name or directory (default: the latest)")
    String runName;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "where to write it (default: report.html in the run directory)")
    Path output;

    @Override
    public Integer call() {
        RunDir run = new Workspace().runs().find(runName);
        System.out.println(write(run, output));
        return 0;
    }

    /** Writes the report of {@code run} to {@code target} (null: the run directory's); returns where. */
    static Path write(RunDir run, Path target) {
        Path file = target != null ? target.toAbsolutePath() : run.root().resolve(HtmlReport.FILE);
        HtmlReport.write(run, file);
        return file;
    }
}
