package flow.steps.spine;

import flow.step.ParamType;
import flow.step.Step;
import flow.step.StepContext;
import flow.step.StepParam;
import flow.step.StepProcess;
import flow.util.Shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Launches SPINE reconstruction for a task's input files: writes the task's input list, runs
 * SPINE with one output directory per task (the task's out/), and passes {@code set} keys
 * through. Site facts — container image ($SPINE_IMAGE), $SPINE_BASEDIR, $SPINE_CONFIG_PATH,
 * $FMATCH_BASEDIR — come from parameters and the environment the stage's profile gives, never
 * from paths written here.
 */
public final class SpineStep implements Step {
    @Override
    public String name() {
        return "spine";
    }

    @Override
    public String description() {
        return "run SPINE reconstruction over the task's input files";
    }

    @Override
    public List<StepParam> params() {
        return List.of(
                StepParam.required("config", ParamType.FILE, "the SPINE configuration (YAML); must exist"),
                StepParam.optional("set", ParamType.MAP, Map.of(), "configuration overrides: key.path -> value (--set)"),
                StepParam.optional("oldCli", ParamType.BOOLEAN, false, "use $SPINE_BASEDIR/bin/run.py instead of the spine command"),
                StepParam.optional("image", ParamType.STRING, "", "container image; empty: $SPINE_IMAGE from the profile, or none (the host)"),
                StepParam.optional("runtime", ParamType.STRING, "singularity", "container runtime: singularity or apptainer"),
                StepParam.optional("binds", ParamType.LIST, List.of(), "paths bound into the container"),
                StepParam.optional("cvmfs", ParamType.BOOLEAN, false, "bind /cvmfs into the container"),
                StepParam.optional("larcv", ParamType.STRING, "", "LArCV base directory: its configure.sh is sourced first"),
                StepParam.optional("flashmatch", ParamType.BOOLEAN, false, "source OpT0Finder's configure.sh ($FMATCH_BASEDIR) for flash matching"));
    }

    @Override
    public List<String> check(Map<String, Object> params, Set<String> variables) {
        List<String> errors = new ArrayList<>();
        Path config = Path.of((String) params.get("config"));
        if (!Files.isRegularFile(config)) errors.add("SPINE config " + config.toAbsolutePath() + " does not exist");
        String runtime = (String) params.get("runtime");
        if (!runtime.equals("singularity") && !runtime.equals("apptainer")) errors.add("runtime must be singularity or apptainer, not '" + runtime + "'");
        return errors;
    }

    @Override
    public String preview(StepContext context) {
        return Shell.quoteAll(command(context).argv());
    }

    @Override
    public int run(StepContext context) throws Exception {
        SpineCommand command = command(context);
        if (command.oldCli() && command.spineBase() == null) throw new IllegalArgumentException("the old SPINE CLI needs SPINE_BASEDIR (set it in the profile's environment)");
        if (Boolean.TRUE.equals(context.params().get("flashmatch")) && context.env("FMATCH_BASEDIR") == null) {
            throw new IllegalArgumentException("flash matching needs FMATCH_BASEDIR, OpT0Finder's directory (set it in the profile's environment)");
        }
        Files.createDirectories(command.logDir());
        StringBuilder list = new StringBuilder();
        for (Path input : context.inputs()) list.append(input.toAbsolutePath()).append('\n');
        flow.util.AtomicFiles.write(command.inputList(), list.toString());
        return StepProcess.run(command.argv(), context);
    }

    private static SpineCommand command(StepContext context) {
        Map<String, Object> p = context.params();
        Path taskDir = Path.of(String.valueOf(context.variables().getOrDefault("taskDir", context.outDir().getParent().toString())));
        Path config = context.workDir().resolve((String) p.get("config")).normalize();
        Map<String, String> sets = new LinkedHashMap<>();
        ((Map<?, ?>) p.get("set")).forEach((k, v) -> sets.put(String.valueOf(k), String.valueOf(v)));
        String image = !((String) p.get("image")).isEmpty() ? (String) p.get("image") : context.env("SPINE_IMAGE");
        List<String> binds = new ArrayList<>();
        ((List<?>) p.get("binds")).forEach(b -> binds.add(String.valueOf(b)));
        if (Boolean.TRUE.equals(p.get("cvmfs"))) binds.add("/cvmfs");
        List<String> setup = new ArrayList<>();
        if (!((String) p.get("larcv")).isEmpty()) setup.add(p.get("larcv") + "/configure.sh");
        if (Boolean.TRUE.equals(p.get("flashmatch"))) setup.add(Objects.requireNonNullElse(context.env("FMATCH_BASEDIR"), "<FMATCH_BASEDIR unset>") + "/configure.sh");
        return new SpineCommand(config, taskDir.resolve("inputs.txt"), context.outDir(), taskDir.resolve("spine-logs"), sets,
                Boolean.TRUE.equals(p.get("oldCli")), context.env("SPINE_BASEDIR"), image, (String) p.get("runtime"), binds, setup);
    }
}
