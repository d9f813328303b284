package flow.cli;

import flow.exec.LaunchOptions;
import picocli.CommandLine.Option;

/** Options shared by run and resume. */
final class ExecutionOptions {
    @Option(names = "--max-parallel", paramLabel = "N", description = "tasks at once on the local executor (default: number of cores)")
    Integer maxParallel;

    @Option(names = "--fail-fast", description = "local executor: stop starting tasks at the first failure")
    boolean failFast;

    @Option(names = "--detach", description = "batch executors: submit everything and exit at once")
    boolean detach;

    @Option(names = "--no-dag", description = "HTCondor: no DAGMan; the head submits each stage when its parents succeeded (cannot --detach)")
    boolean noDag;

    @Option(names = "--no-report", description = "do not write report.html in the run directory when the command ends")
    boolean noReport;

    /** The run's report, unless --no-report: written when the command ends, whatever the run's state. */
    void report(flow.run.RunDir run) {
        if (!noReport && run != null) writeReport(run);
    }

    /** The run's report.html; a failure to draw it is said, the run's outcome stands. */
    static void writeReport(flow.run.RunDir run) {
        try {
            ReportCommand.write(run, null);
        } catch (RuntimeException e) { // the run's outcome stands; only its picture is missing
            System.err.println("flow: could not write the report of run " + run.name() + ": " + e.getMessage() + " (try 'flow report')");
        }
    }

    LaunchOptions resolve() {
        return new LaunchOptions(maxParallel, failFast, detach, noDag);
    }
}
