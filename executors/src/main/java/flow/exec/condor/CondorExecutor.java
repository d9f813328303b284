package flow.exec.condor;

import flow.exec.LaunchOptions;
import flow.exec.grid.GridExecutor;
import flow.exec.grid.GridScheduler;
import flow.exec.grid.SchedulerCommands;
import flow.run.RunDir;

import flow.model.Resources;
import flow.plan.Plan;
import flow.plan.PlannedStage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        refuseLocalOptions(options);
        if (options.noDag() && options.detach()) {
            throw new IllegalArgumentException("--no-dag chains stages from the head, which must stay: drop --detach");
        }
    }

    /** SLURM's own resources would be dropped without a word: a condor stage refuses them. */
    @Override
    public void checkPlan(Plan plan) {
        List<String> problems = new ArrayList<>();
        for (PlannedStage stage : plan.stages()) {
            Resources resources = stage.definition().resources();
            for (String key : CondorSubmitFile.SLURM_ONLY) {
                if (resources.get(key) != null) problems.add("stage " + stage.name() + ": '" + key + "' is a SLURM resource, which HTCondor has no counterpart for"
                        + (key.equals("gres") ? " (use gpus, or condor: ['request_...'] lines)" : key.equals("partition") || key.equals("constraint")
                        ? " (use condor: ['requirements = ...'] lines)" : ""));
            }
        }
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("\n", problems));
    }

    /** The DAG node's PRE script (or the head, without a DAG) calls this through {@code flow stage-in}. */
    @Override
    public void stageIn(RunDir run, String stage, Path items, Path prepared) {
        SandboxItems.write(run, stage, items, prepared);
    }

    @Override
    protected GridScheduler scheduler(RunDir run, LaunchOptions options, SchedulerCommands commands) {
        return new CondorScheduler(commands, run, options.noDag());
    }
}
