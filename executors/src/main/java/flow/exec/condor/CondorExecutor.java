package flow.exec.condor;

import flow.exec.LaunchOptions;
import flow.exec.grid.GridExecutor;
import flow.exec.grid.GridScheduler;
import flow.exec.grid.SchedulerCommands;
import flow.run.RunDir;

import java.nio.file.Path;

/** HTCondor: each stage a cluster, chained by DAGMan (or, with --no-dag, by the head). */
public final class CondorExecutor extends GridExecutor {
    @Override
    public String name() {
        return "condor";
    }

    @Override
    protected String submitCommand() {
        return "condor_submit";
    }

    @Override
    public void check(LaunchOptions options) {
        if (options.noDag() && options.detach()) {
            throw new IllegalArgumentException("--no-dag chains stages from the head, which must stay: drop --detach");
        }
    }

    /** The DAG node's PRE script (or the head, without a DAG) calls this through {@code flow stage-in}. */
    @Override
    public void stageIn(RunDir run, String stage, Path items, Path prepared) {
        SandboxItems.write(run, stage, items, prepared);
    }

    @Override
    protected GridScheduler scheduler(RunDir run, LaunchOptions options) {
        return new CondorScheduler(new SchedulerCommands(), run, options.noDag());
    }
}
