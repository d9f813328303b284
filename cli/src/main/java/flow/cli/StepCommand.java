package flow.cli;

import flow.plan.PlannedTask;
import flow.plan.StageDefinition;
import flow.model.Resources;
import flow.model.RetrySpec;
import flow.run.TaskVariables;
import flow.step.ParamType;
import flow.step.Step;
import flow.step.StepContext;
import flow.step.StepParam;
import flow.step.StepRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "step", mixinStandardHelpOptions = true, description = "Run one step directly on some inputs, without a run directory.")
final class StepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "the step (exec, ...)")
    String name;

    @Parameters(index = "1..*", paramLabel = "INPUT", description = "input files")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "a step parameter")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "where the outputs go")
    Path out;

    @Option(names = "--cpus", description = "CPUs the step may use (default 1)")
    int cpus = 1;

    @Override
    public Integer call() throws Exception {
        Workspace ws = new Workspace();
        Step step = ws.steps.get(name);
        Map<String, Object> typed = typed(step, params);
        List<String> errors = StepRegistry.checkParams(step, typed);
        if (errors.isEmpty()) errors = step.check(StepRegistry.withDefaults(step, typed), java.util.Set.of("inputs", "outDir", "cpus"));
        if (!errors.isEmpty()) throw new IllegalArgumentException(String.join("\n", errors));
        for (Path input : inputs) {
            if (!Files.exists(input)) throw new IllegalArgumentException("no such input: " + input);
        }
        Files.createDirectories(out);
        Map<String, Object> resolved = StepRegistry.withDefaults(step, typed);
        StageDefinition stage = new StageDefinition(name, name, resolved, List.of(), List.of(), List.of(), List.of(),
                RetrySpec.NONE, null, new Resources(Map.of("cpus", cpus)), List.of(), 1, Map.of(), flow.model.Batching.NONE, null);
        List<Path> absolute = inputs.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        // the task directory (where exec writes its script) is a scratch one: only outputs go to --out
        Path taskDir = Files.createTempDirectory("flow-step-");
        var vars = TaskVariables.of(stage, PlannedTask.standalone(), absolute.stream().map(Path::toString).toList(),
                out.toAbsolutePath().toString(), taskDir.toString(), ws.launchDir.toString(), Map.of());
        try {
            return step.run(new StepContext(absolute, resolved, out.toAbsolutePath(), ws.launchDir, vars, cpus,
                    ProcessBuilder.Redirect.INHERIT, ProcessBuilder.Redirect.INHERIT));
        } finally {
            flow.run.SafeDelete.deleteInside(taskDir.getParent(), taskDir);
        }
    }

    /** Command-line strings converted to the types the step declares. */
    private static Map<String, Object> typed(Step step, Map<String, String> given) {
        Map<String, Object> typed = new LinkedHashMap<>();
        Map<String, ParamType> types = new LinkedHashMap<>();
        for (StepParam p : step.params()) types.put(p.name(), p.type());
        given.forEach((key, text) -> typed.put(key, convert(key, text, types.getOrDefault(key, ParamType.STRING))));
        return typed;
    }

    private static Object convert(String key, String text, ParamType type) {
        try {
            return switch (type) {
                case INTEGER -> Long.valueOf(text.trim()).intValue();
                case NUMBER -> Double.valueOf(text.trim());
                case BOOLEAN -> {
                    if (!text.equals("true") && !text.equals("false")) throw new NumberFormatException();
                    yield Boolean.valueOf(text);
                }
                case LIST -> List.of(text.split(","));
                default -> text;
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--param " + key + "=" + text + ": expected " + type.label());
        }
    }
}
