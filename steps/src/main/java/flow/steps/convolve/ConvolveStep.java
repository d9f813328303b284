package flow.steps.convolve;

import flow.step.ParamType;
import flow.step.Step;
import flow.step.StepContext;
import flow.step.StepParam;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The smart-pixels preamplifier convolution: each input cluster file becomes
 * {@code convolved_output_<base>.out.gz} in the task's output directory.
 */
public final class ConvolveStep implements Step {
    @Override
    public String name() {
        return "convolve";
    }

    @Override
    public String description() {
        return "convolve pixelAV clusters with a preamplifier pulse response";
    }

    @Override
    public List<StepParam> params() {
        return List.of(StepParam.required("pulses", ParamType.FILE, "the pulse-response CSV"));
    }

    @Override
    public List<String> check(Map<String, Object> params, Set<String> variables) {
        Path pulses = Path.of((String) params.get("pulses"));
        return java.nio.file.Files.isReadable(pulses) || !pulses.isAbsolute() ? List.of()
                : List.of("pulse table " + pulses + " does not exist");
    }

    @Override
    public String preview(StepContext context) {
        return "convolve pulses=" + context.params().get("pulses") + " " + context.inputs() + " -> " + context.outDir();
    }

    @Override
    public int run(StepContext context) throws Exception {
        Path pulses = context.workDir().resolve((String) context.params().get("pulses"));
        ClusterConverter converter = new ClusterConverter(PulseTable.read(pulses), context.cpus());
        for (Path input : context.inputs()) converter.convert(input, context.outDir());
        return 0;
    }
}
