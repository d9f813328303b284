package flow.exec;

import flow.plan.InputFile;
import flow.plan.Plan;
import flow.plan.PlannedStage;
import flow.plan.PlannedTask;
import flow.plan.UpstreamRef;
import flow.run.RunDir;
import flow.run.TaskVariables;
import flow.step.Step;
import flow.step.StepContext;
import flow.step.StepRegistry;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The dry-run view of a plan: stages, their tasks, and each task's rendered command. */
public final class PlanPrinter {
    /** Tasks shown per stage; the rest are counted. */
    static final int SHOWN = 20;

    private final StepRegistry steps;
    private final PrintStream out;
    /** Every task, not the first {@link #SHOWN} of each stage. */
    private final boolean all;

    public PlanPrinter(StepRegistry steps, PrintStream out, boolean all) {
        this.steps = steps;
        this.out = out;
        this.all = all;
    }

    public void print(Plan plan, RunDir run, Map<String, Object> params, Path launchDir) {
        out.println("pipeline " + plan.pipeline() + ": " + plan.stages().size() + " stages, " + plan.taskCount()
                + " tasks (run directory would be " + run.root() + ")");
        for (PlannedStage stage : plan.stages()) {
            var def = stage.definition();
            List<PlannedTask> tasks = stage.liveTasks();
            List<String> facts = new ArrayList<>(List.of("step " + def.step(), tasks.size() + " tasks"));
            if (!def.dependsOn().isEmpty()) facts.add("after " + String.join(", ", def.dependsOn()));
            if (def.throttle() != null) facts.add("throttle " + def.throttle());
            if (def.batching().batched()) {
                facts.add("batch " + def.batching().size() + (def.batching().parallel() > 1 ? ", parallel " + def.batching().parallel() : "")
                        + " on a batch scheduler");
            }
            if (def.retry().maxRetries() > 0) facts.add("retry " + def.retry().maxRetries());
            if (!def.cleanupOf().isEmpty()) facts.add("then cleans " + String.join(", ", def.cleanupOf()));
            facts.add("profile " + def.resources().get("profile"));
            out.println();
            out.println("stage " + stage.name() + " (" + String.join(", ", facts) + ")");
            List<String> resources = new ArrayList<>();
            def.resources().asMap().forEach((key, value) -> { if (value != null && !key.equals("profile")) resources.add(key + "=" + value); });
            out.println("  resources" + (def.batching().batched() ? " of each task" : "") + ": " + String.join(", ", resources));
            Step step = steps.get(def.step());
            int shown = all ? tasks.size() : Math.min(SHOWN, tasks.size());
            for (PlannedTask task : tasks.subList(0, shown)) {
                List<String> inputs = new ArrayList<>(task.files().stream().map(InputFile::path).toList());
                task.upstream().stream().map(UpstreamRef::label).map(l -> "<outputs of " + l + ">").forEach(inputs::add);
                String outDir = run.outDir(stage.name(), task.index()).toString();
                var vars = TaskVariables.of(def, task, inputs, outDir, run.taskDir(stage.name(), task.index()).toString(),
                        launchDir.toString(), params);
                var context = new StepContext(task.files().stream().map(f -> Path.of(f.path())).toList(), def.params(),
                        Path.of(outDir), launchDir, vars, def.cpus(), ProcessBuilder.Redirect.INHERIT, ProcessBuilder.Redirect.INHERIT, def.environment());
                out.println("  [" + task.index() + "] " + step.preview(context));
                if (!inputs.isEmpty()) out.println("      inputs: " + flow.util.Shell.quoteAll(inputs));
            }
            if (shown < tasks.size()) out.println("  ... " + (tasks.size() - shown) + " more tasks (--all shows them)");
        }
    }
}
