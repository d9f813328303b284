package flow.steps.skim;

import flow.step.ParamType;
import flow.step.Step;
import flow.step.StepContext;
import flow.step.StepParam;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Skims ROOT files into Parquet: for each input {@code <name>.root}, {@code <name>.parquet} in
 * the task's output directory with the kept columns of the events that pass every filter. The
 * stage's {@code define}, {@code where}, {@code keep} and {@code nevents} directives are its
 * parameters; expressions are checked for syntax before anything runs, and against each file's
 * tree before any of its events is read.
 */
public final class SkimStep implements Step {
    @Override
    public String name() {
        return "skim";
    }

    @Override
    public String description() {
        return "select events and columns of ROOT TTrees into Parquet";
    }

    @Override
    public List<StepParam> params() {
        return List.of(
                StepParam.required("tree", ParamType.STRING, "the TTree's path in each file, e.g. 'dir/tree'"),
                StepParam.required("keep", ParamType.LIST, "columns to write, by name or glob").asDirective(),
                StepParam.optional("define", ParamType.MAP, Map.of(), "new columns: name → expression, in order").asDirective(),
                StepParam.optional("where", ParamType.LIST, List.of(), "filters that must all hold").asDirective(),
                StepParam.optional("nevents", ParamType.INTEGER, -1L, "entries to read per file (-1: all)").asDirective());
    }

    @Override
    public List<String> check(Map<String, Object> params, Set<String> variables) {
        List<String> errors = new ArrayList<>();
        long nevents = ((Number) params.get("nevents")).longValue();
        if (nevents < 1 && nevents != -1) errors.add("nevents must be -1 (every entry) or at least 1, got " + nevents);
        List<String> texts = new ArrayList<>(defines(params).values());
        texts.addAll(strings(params.get("where")));
        for (String text : texts) {
            try {
                Parser.parse(text);
            } catch (ExpressionException e) {
                errors.add(e.getMessage());
            }
        }
        return errors;
    }

    @Override
    public String preview(StepContext context) {
        Map<String, Object> p = context.params();
        return "skim tree=" + p.get("tree") + " define=" + defines(p).keySet() + " where=" + strings(p.get("where")) + " keep="
                + strings(p.get("keep")) + " nevents=" + p.get("nevents") + " " + context.inputs() + " -> " + context.outDir();
    }

    @Override
    public int run(StepContext context) throws Exception {
        Map<String, Object> p = context.params();
        for (Path input : context.inputs()) {
            String base = input.getFileName().toString().replaceFirst("\\.root$", "");
            SkimFile.Result r = SkimFile.run(input, (String) p.get("tree"), defines(p), strings(p.get("where")), strings(p.get("keep")),
                    ((Number) p.get("nevents")).longValue(), context.outDir().resolve(base + ".parquet"), context.cpus());
            context.log("skim: " + input + ": " + r.read() + " events read, " + r.passed() + " kept -> " + r.output().getFileName());
        }
        return 0;
    }

    private static Map<String, String> defines(Map<String, Object> params) {
        Map<String, String> out = new LinkedHashMap<>();
        if (params.get("define") instanceof Map<?, ?> m) m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> l) l.forEach(v -> out.add(String.valueOf(v)));
        else if (value != null) out.add(String.valueOf(value));
        return out;
    }
}
