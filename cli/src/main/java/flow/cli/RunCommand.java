package flow.cli;

import flow.exec.Head;
import flow.exec.PipelineLoader;
import flow.exec.Progress;
import flow.exec.grid.GridDriver;
import flow.model.PipelineSpec;
import flow.plan.Plan;
import flow.plan.PlannedStage;
import flow.run.RunDir;
import flow.run.RunRecord;
import flow.run.Runs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Plan a .flow pipeline and run it.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the .flow file")
    Path file;

    @Option(names = "--profile", description = "resource profile for stages that name none")
    String profile;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "override a params value (typed like its default)")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--run-name", paramLabel = "NAME", description = "name of the run directory (default: pipeline-date-time)")
    String runName;

    @Mixin
    LaunchOptions common;

    @Override
    public Integer call() throws Exception {
        Workspace ws = new Workspace();
        PipelineLoader loader = ws.loader();
        PipelineSpec spec = loader.load(file, params, new PipelineLoader.CliChoices(common.executor, profile));
        return launch(ws, loader, spec, file, params, runName, common.dryRun, common.execution, common.resources.overrides(), profile,
                (run, plan) -> {}).exit();
    }

    /** A started run: its exit code, and its directory (null for a dry run). */
    record Launched(int exit, RunDir run, Plan plan) {}

    /**
     * Plans a loaded pipeline and runs it (or prints it for a dry run): what {@code flow run} and
     * {@code flow submit} share. {@code submitted} runs once the jobs are with a batch scheduler
     * (before following them), or before a local run starts.
     */
    static Launched launch(Workspace ws, PipelineLoader loader, PipelineSpec spec, Path file, Map<String, String> params, String runName,
                           boolean dryRun, ExecutionOptions execution, Map<String, Object> overrides, String profile,
                           java.util.function.BiConsumer<RunDir, Plan> submitted) throws Exception {
        Plan plan = ws.planner(loader, overrides).plan(spec);
        Runs runs = ws.runs();
        String name = runName != null ? runName : runs.defaultName(spec.name());
        if (dryRun) {
            new PlanPrinter(ws.steps, System.out).print(plan, new RunDir(runs.dir().resolve(name)), spec.params(), ws.launchDir);
            return new Launched(0, null, plan);
        }
        var options = execution.resolve();
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("maxParallel", options.maxParallel());
        recorded.put("failFast", options.failFast());
        if (profile != null) recorded.put("profile", profile);
        recorded.put("resources", overrides);
        if (execution.noDag) {
            if (!spec.executor().equals("condor")) throw new IllegalArgumentException("--no-dag is for --executor condor");
            if (execution.detach) throw new IllegalArgumentException("--no-dag chains stages from the head, which must stay: drop --detach");
            recorded.put("noDag", true);
        }
        RunRecord record = RunRecord.of(name, plan, file.toAbsolutePath().normalize().toString(), spec.sourceText(),
                ws.launchDir.toString(), spec.executor(), params, spec.params(), recorded);
        RunDir run = runs.create(name, record, plan);
        System.out.println("run " + name + ": " + plan.stages().size() + " stages, " + plan.taskCount() + " tasks in " + run.root());
        int exit;
        if (!spec.executor().equals("local")) {
            exit = new GridDriver(Workspace.scheduler(spec.executor(), run), System.out).whenSubmitted(() -> submitted.accept(run, plan))
                    .drive(run, record, plan, "run", allTasks(plan), execution.detach, Progress.forConsole());
        } else {
            submitted.accept(run, plan);
            exit = new Head(System.out, ws.steps).drive(run, record, plan, "run", allTasks(plan), options, Progress.forConsole());
        }
        return new Launched(exit, run, plan);
    }

    private static Map<String, List<Integer>> allTasks(Plan plan) {
        Map<String, List<Integer>> all = new LinkedHashMap<>();
        for (PlannedStage stage : plan.stages()) {
            all.put(stage.name(), IntStream.range(0, stage.tasks().size()).boxed().toList());
        }
        return all;
    }
}
