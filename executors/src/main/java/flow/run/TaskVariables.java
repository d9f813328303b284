package flow.run;

import flow.plan.PlannedTask;
import flow.plan.StageDefinition;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The template variables of one task: what {@code ${inputs}}, {@code ${outDir}}, ... stand for. */
public final class TaskVariables {
    private TaskVariables() {}

    public static Map<String, Object> of(StageDefinition stage, PlannedTask task, List<String> inputs, String outDir,
                                         String taskDir, String launchDir, Map<String, Object> params) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("inputs", inputs);
        if (!task.upstream().isEmpty()) {
            vars.put("inputsManifest", Path.of(taskDir, InputsManifest.JSON).toString());
            vars.put("inputsTable", Path.of(taskDir, InputsManifest.TABLE).toString());
        }
        vars.put("outDir", outDir);
        vars.put("taskDir", taskDir);
        vars.put("launchDir", launchDir);
        vars.put("index", task.index());
        vars.put("stage", stage.name());
        vars.put("cpus", stage.cpus());
        vars.put("params", params);
        vars.putAll(task.scan());
        return vars;
    }
}
