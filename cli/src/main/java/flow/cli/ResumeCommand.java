package flow.cli;

import flow.exec.Head;
import flow.exec.PipelineLoader;
import flow.exec.Progress;
import flow.exec.grid.GridDriver;
import flow.model.PipelineSpec;
import flow.plan.Plan;
import flow.run.Assessor;
import flow.run.RunDir;
import flow.run.RunRecord;
import flow.run.Verdict;
import flow.util.IndexRanges;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Finish a run: run again only the tasks that are not DONE or whose step, parameters or inputs changed.")
final class ResumeCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "run name or directory (default: the latest)")
    String runName;

    @Option(names = "--dry-run", description = "list per stage what would run and why; write nothing")
    boolean dryRun;

    @Mixin
    ExecutionOptions execution;

    @Override
    public Integer call() throws Exception {
        RunDir run = new Workspace().runs().find(runName);
        RunRecord previous = RunRecord.read(run.runJson());
        Workspace ws = new Workspace().at(previous.launchDir());
        PipelineLoader loader = ws.loader();
        PipelineSpec spec = loader.load(Path.of(previous.flowFile()), previous.flowText(), previous.paramOverrides(),
                new PipelineLoader.CliChoices(previous.executor(), (String) previous.options().get("profile")));
        if (!spec.sourceText().equals(previous.flowText())) {
            System.out.println("note: " + previous.flowFile() + " changed since the run was planned; tasks whose step or parameters changed run again");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> resources = (Map<String, Object>) previous.options().getOrDefault("resources", Map.of());
        Plan plan = ws.planner(loader, resources).plan(spec);
        Map<String, List<Verdict>> verdicts = new Assessor(run, ws.launchDir).assess(plan);
        Map<String, List<Integer>> toRun = explain(verdicts);
        if (dryRun) return 0;
        if (execution.maxParallel == null) execution.maxParallel = previous.intOption("maxParallel", Runtime.getRuntime().availableProcessors());
        var options = execution.resolve();
        Map<String, Object> recorded = new LinkedHashMap<>(previous.options());
        recorded.put("maxParallel", options.maxParallel());
        recorded.put("failFast", options.failFast());
        RunRecord record = RunRecord.of(run.name(), plan, previous.flowFile(), spec.sourceText(), previous.launchDir(),
                spec.executor(), previous.paramOverrides(), spec.params(), recorded);
        if (!spec.executor().equals("local")) {
            return new GridDriver(Workspace.scheduler(spec.executor(), run), System.out)
                    .drive(run, record, plan, "resume", toRun, execution.detach, Progress.forConsole());
        }
        return new Head(System.out, ws.steps).drive(run, record, plan, "resume", toRun, options, Progress.forConsole());
    }

    /** Prints, per stage, what runs again grouped by reason; returns the indices to run. */
    private static Map<String, List<Integer>> explain(Map<String, List<Verdict>> verdicts) {
        Map<String, List<Integer>> toRun = new LinkedHashMap<>();
        for (var stage : verdicts.entrySet()) {
            Map<String, List<Integer>> byReason = new TreeMap<>();
            int done = 0;
            for (Verdict v : stage.getValue()) {
                if (v.done()) done++;
                else byReason.computeIfAbsent(v.reason(), r -> new java.util.ArrayList<>()).add(v.index());
            }
            int again = stage.getValue().size() - done;
            System.out.println("stage " + stage.getKey() + ": " + stage.getValue().size() + " tasks, " + done + " done, " + again + " to run");
            byReason.forEach((reason, indices) -> System.out.println("  " + reason + ": " + IndexRanges.format(indices)));
            toRun.put(stage.getKey(), stage.getValue().stream().filter(v -> !v.done()).map(Verdict::index).toList());
        }
        return toRun;
    }
}
