package flow.steps.exec;

import flow.step.ParamType;
import flow.step.Step;
import flow.step.StepContext;
import flow.step.StepParam;
import flow.step.StepProcess;
import flow.util.AtomicFiles;
import flow.util.CommandTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a bash command. {@code ${inputs}}, {@code ${outDir}}, scan values and
 * {@code ${params.x}} are filled in quoted for where they stand ({@link CommandTemplate}); the
 * command is written to {@code command.sh} in the task directory (no argument-length limit)
 * and run by the stage's {@code shell} ({@code bash -euo pipefail} unless it says otherwise) in
 * the task's temporary output directory, so relative outputs land in {@code ${outDir}}. Every
 * template variable is also in the environment ({@link CommandTemplate#environmentName}).
 */
public final class ExecStep implements Step {
    static final String SHELL = "bash -euo pipefail";
    static final String STAGE = "stage", STREAM = "stream";

    @Override
    public String name() {
        return "exec";
    }

    @Override
    public String description() {
        return "run a bash command";
    }

    @Override
    public List<StepParam> params() {
        return List.of(StepParam.required("command", ParamType.STRING, "the command, with ${inputs}, ${outDir}, ... placeholders"),
                StepParam.optional("shell", ParamType.STRING, SHELL, "the program and options that run the command's script").asDirective(),
                StepParam.optional("remoteInputs", ParamType.STRING, STAGE,
                        "root:// inputs: 'stage' (copied into the task first) or 'stream' (their URLs given to the command)").asDirective());
    }

    @Override
    public List<String> check(Map<String, Object> params, Set<String> variables) {
        CommandTemplate template = template(params);
        List<String> problems = new ArrayList<>(template.placeholders().stream().filter(v -> !variables.contains(v))
                .map(v -> "unknown variable ${" + v + "} in exec command (known: "
                        + String.join(", ", variables.stream().sorted().toList()) + ")")
                .toList());
        problems.addAll(template.unsafePlaceholders());
        if (shell(params).isEmpty()) problems.add("shell names no program");
        Object remote = params.getOrDefault("remoteInputs", STAGE);
        if (!STAGE.equals(remote) && !STREAM.equals(remote)) {
            problems.add("remoteInputs is '" + STAGE + "' or '" + STREAM + "', not '" + remote + "'");
        }
        return problems;
    }

    /** With {@code remoteInputs 'stream'} the command gets root:// URLs (for {@code xrdcp URL -}, ROOT's {@code TFile::Open}). */
    @Override
    public boolean streamsRemoteInputs(Map<String, Object> params) {
        return STREAM.equals(params.get("remoteInputs"));
    }

    @Override
    public String preview(StepContext context) {
        return template(context.params()).render(context.variables());
    }

    @Override
    public int run(StepContext context) throws Exception {
        Path taskDir = Path.of(String.valueOf(context.variables().get("taskDir")));
        Path script = taskDir.resolve("command.sh");
        AtomicFiles.write(script, preview(context) + "\n");
        List<String> argv = new ArrayList<>(shell(context.params()));
        argv.add(script.toString());
        return StepProcess.run(argv, context, context.outDir(), environment(context, taskDir));
    }

    /** Every template variable as FLOW_*; the inputs as a file of NUL-terminated names. */
    private static Map<String, String> environment(StepContext context, Path taskDir) {
        Map<String, String> env = new LinkedHashMap<>();
        context.variables().forEach((name, value) -> {
            if (value instanceof Map<?, ?> scope) {
                scope.forEach((key, v) -> put(env, name + "." + key, v));
            } else if (!name.equals("inputs")) {
                put(env, name, value);
            }
        });
        Path inputs = taskDir.resolve("inputs.list");
        StringBuilder names = new StringBuilder();
        context.inputs().forEach(p -> names.append(p).append('\0'));
        AtomicFiles.write(inputs, names.toString());
        env.put(CommandTemplate.environmentName("inputs"), inputs.toString());
        return env;
    }

    private static void put(Map<String, String> env, String name, Object value) {
        String text = value instanceof List<?> list ? String.join(" ", list.stream().map(String::valueOf).toList()) : String.valueOf(value);
        if (text.indexOf('\0') < 0) env.put(CommandTemplate.environmentName(name), text);
    }

    private static List<String> shell(Map<String, Object> params) {
        String shell = String.valueOf(params.getOrDefault("shell", SHELL)).strip();
        return shell.isEmpty() ? List.of() : Arrays.asList(shell.split("\\s+"));
    }

    private static CommandTemplate template(Map<String, Object> params) {
        return new CommandTemplate((String) params.get("command"));
    }
}
