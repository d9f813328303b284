package flow.steps.exec;

import flow.step.ParamType;
import flow.step.Step;
import flow.step.StepContext;
import flow.step.StepParam;
import flow.step.StepProcess;
import flow.util.CommandTemplate;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs any shell command. {@code ${inputs}}, {@code ${outDir}}, scan values and
 * {@code ${params.x}} are filled in shell-quoted; the command runs under bash in the launch
 * directory, its output appended to the task's logs.
 */
public final class ExecStep implements Step {
    @Override
    public String name() {
        return "exec";
    }

    @Override
    public String description() {
        return "run a shell command";
    }

    @Override
    public List<StepParam> params() {
        return List.of(StepParam.required("command", ParamType.STRING, "the command, with ${inputs}, ${outDir}, ... placeholders"));
    }

    @Override
    public List<String> check(Map<String, Object> params, Set<String> variables) {
        CommandTemplate template = template(params);
        return template.placeholders().stream().filter(v -> !variables.contains(v))
                .map(v -> "unknown variable ${" + v + "} in exec command (known: "
                        + String.join(", ", variables.stream().sorted().toList()) + ")")
                .toList();
    }

    @Override
    public String preview(StepContext context) {
        return template(context.params()).render(context.variables());
    }

    @Override
    public int run(StepContext context) throws Exception {
        return StepProcess.run(List.of("/bin/bash", "-c", preview(context)), context);
    }

    private static CommandTemplate template(Map<String, Object> params) {
        return new CommandTemplate((String) params.get("command"));
    }
}
