package flow.cli;

import flow.exec.PipelineLoader;
import flow.plan.Planner;
import flow.run.Runs;
import flow.step.StepRegistry;

import java.nio.file.Path;

/** What every command works with: the launch directory, its runs, the steps, and how to load and plan. */
final class Workspace {
    final Path launchDir;
    final StepRegistry steps = StepRegistry.load();

    Workspace() {
        this(Path.of("").toAbsolutePath());
    }

    Workspace(Path launchDir) {
        this.launchDir = launchDir;
    }

    Runs runs() {
        return new Runs(launchDir);
    }

    PipelineLoader loader() {
        return new PipelineLoader(steps, launchDir);
    }

    Planner planner(PipelineLoader loader, java.util.Map<String, Object> resourceOverrides) {
        return new Planner(steps, loader.profiles(), launchDir, resourceOverrides);
    }

    /** The batch scheduler behind an executor name, for a run. */
    static flow.exec.grid.GridScheduler scheduler(String executor, flow.run.RunDir run) {
        var commands = new flow.exec.grid.SchedulerCommands();
        return switch (executor) {
            case "slurm" -> new flow.exec.slurm.SlurmScheduler(commands);
            case "condor" -> new flow.exec.condor.CondorScheduler(commands, run,
                    Boolean.TRUE.equals(flow.run.RunRecord.read(run.runJson()).options().get("noDag")));
            default -> throw new IllegalArgumentException("executor '" + executor + "' is not a batch executor (slurm, condor)");
        };
    }

    /** A workspace for a run launched elsewhere: relative paths resolve where it was launched. */
    Workspace at(String launchDir) {
        return new Workspace(Path.of(launchDir));
    }
}
