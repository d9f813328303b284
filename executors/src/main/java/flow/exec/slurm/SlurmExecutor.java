package flow.exec.slurm;

import flow.exec.LaunchOptions;
import flow.exec.grid.GridExecutor;
import flow.exec.grid.GridScheduler;
import flow.exec.grid.SchedulerCommands;
import flow.run.RunDir;

/** SLURM: each stage an sbatch job array, chained with afterok. */
public final class SlurmExecutor extends GridExecutor {
    @Override
    public String name() {
        return "slurm";
    }

    @Override
    protected String submitCommand() {
        return "sbatch";
    }

    @Override
    protected GridScheduler scheduler(RunDir run, LaunchOptions options, SchedulerCommands commands) {
        return new SlurmScheduler(commands);
    }
}
