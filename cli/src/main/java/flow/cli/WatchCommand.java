package flow.cli;

import flow.exec.Watch;
import flow.util.Quantities;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Process new datasets as they come: one long-lived run, ticked; each tick finds what is new, runs it (at most the pipeline's maxJobs at once) and keeps what is done.")
final class WatchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the .flow file")
    Path file;

    @Option(names = "--interval", paramLabel = "TIME", defaultValue = "1h", description = "time between ticks (30s, 10m, 1h; default: ${DEFAULT-VALUE})")
    String interval;

    @Option(names = "--once", description = "one tick, then exit (for cron); with --detach, exit once it is submitted")
    boolean once;

    @Option(names = "--detach", description = "batch executors: exit once the tick's jobs are submitted (with --once)")
    boolean detach;

    @Option(names = "--run-name", paramLabel = "NAME", description = "the run to keep (default: the pipeline's name)")
    String runName;

    @Option(names = "--executor", description = "the executor to run on (default: the .flow file's)")
    String executor;

    @Option(names = "--profile", description = "resource profile for stages that name none")
    String profile;

    @Option(names = "--max-parallel", paramLabel = "N", description = "tasks at once on the local executor (default: number of cores, at most maxJobs)")
    Integer maxParallel;

    @Option(names = "--no-report", description = "do not write report.html in the run directory after each tick")
    boolean noReport;

    @Mixin
    ParamsOptions params;

    @Mixin
    ResourceOptions resources;

    @Override
    public Integer call() throws Exception {
        if (detach && !once) throw new IllegalArgumentException("--detach is for --once: a watch that ticks on follows its jobs");
        Duration every = Duration.ofSeconds(Quantities.seconds(interval));
        if (every.isZero()) throw new IllegalArgumentException("--interval must be more than nothing");
        Workspace ws = new Workspace();
        Watch watch = new Watch(ws.launcher(), System.out, run -> {
            if (!noReport) ExecutionOptions.writeReport(run);
        });
        return watch.watch(new Watch.Request(file, params.resolve(), runName, executor, profile, resources.overrides(), maxParallel, every, once, detach));
    }
}
