package flow.run;

import flow.step.UsageMeter;

import flow.model.FailureClass;
import flow.plan.InputFile;
import flow.util.AtomicFiles;
import flow.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code result.json}, written by the task wrapper once a task ended, atomically. A task is
 * DONE only when this says exit 0 with no failure class, and its outputs exist.
 *
 * @param recipe   the task's recipe when it ran (step, parameters, scan point: see PlannedTask)
 * @param inputs   input files as planned, with the digest of their content where the task succeeded
 * @param paramFiles the digest of each file a step parameter named, by parameter
 * @param upstream upstream tasks consumed and the digest of their outputs at the time
 * @param outputs  files left in out/, relative paths, sorted
 * @param published where the head published the outputs, by output path (target, size, checksum); empty until it does
 */
public record TaskResult(String stage, int index, String id, String recipe, int attempt, int exit, FailureClass failure,
                         String message, String host, String started, String finished,
                         List<InputFile> inputs, Map<String, String> paramFiles, List<UpstreamUse> upstream, List<Output> outputs,
                         Map<String, Object> point, UsageMeter.Usage usage, List<Publications.Publication> published) {

    public record UpstreamUse(String stage, int index, String outputsDigest) {}

    public record Output(String path, long size, String sha256) {}

    public boolean succeeded() {
        return exit == 0 && failure == null;
    }

    /** "exit 3", "out_of_memory", ...: why this attempt failed, for reports. */
    public String failureLabel() {
        return FailureClass.label(failure, exit);
    }

    /** One digest over every output's path and content, so consumers can tell if it changed. */
    public String outputsDigest() {
        StringBuilder text = new StringBuilder();
        outputs.forEach(o -> text.append(o.path()).append('\t').append(o.sha256()).append('\n'));
        return flow.util.Digests.sha256(text.toString());
    }

    /** This result, re-stamped: the same outputs, for a task whose identity changed without changing what it does. */
    public TaskResult restamped(String newId, List<InputFile> newInputs) {
        return new TaskResult(stage, index, newId, recipe, attempt, exit, failure, message, host, started, finished,
                newInputs, paramFiles, upstream, outputs, point, usage, published);
    }

    /** This result with its publications. */
    public TaskResult withPublished(List<Publications.Publication> now) {
        return new TaskResult(stage, index, id, recipe, attempt, exit, failure, message, host, started, finished,
                inputs, paramFiles, upstream, outputs, point, usage, List.copyOf(now));
    }

    public void write(Path file) {
        AtomicFiles.write(file, Json.pretty(toJson()));
    }

    /** Whether {@code file} holds a successful result; a missing or corrupt one is not. */
    public static boolean succeededAt(Path file) {
        try {
            return read(file).map(TaskResult::succeeded).orElse(false);
        } catch (IllegalArgumentException corrupt) {
            return false;
        }
    }

    /** The result in {@code file}; empty if there is none; an exception naming the file if it is corrupt. */
    public static Optional<TaskResult> read(Path file) {
        if (!Files.exists(file)) return Optional.empty();
        return Optional.of(fromJson(file, Json.readObject(file)));
    }

    private Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("stage", stage);
        json.put("index", index);
        json.put("id", id);
        json.put("recipe", recipe);
        json.put("attempt", attempt);
        json.put("exit", exit);
        json.put("failure", failure == null ? null : failure.key());
        json.put("message", message);
        json.put("host", host);
        json.put("started", started);
        json.put("finished", finished);
        json.put("inputs", inputs.stream().map(TaskResult::inputJson).toList());
        json.put("paramFiles", paramFiles);
        json.put("upstream", upstream.stream().map(u -> Map.of("stage", u.stage(), "index", u.index(), "outputsDigest", u.outputsDigest())).toList());
        json.put("outputs", outputs.stream().map(o -> Map.of("path", o.path(), "size", o.size(), "sha256", o.sha256())).toList());
        json.put("point", point);
        if (usage != null) json.put("usage", Map.of("cpuSeconds", usage.cpuSeconds(), "peakRssMb", usage.peakRssMb(), "measured", usage.measured()));
        if (!published.isEmpty()) json.put("published", published.stream().map(Publications.Publication::toJson).toList());
        return json;
    }

    private static UsageMeter.Usage usage(Map<String, Object> json) {
        return json == null ? null : new UsageMeter.Usage(((Number) json.get("cpuSeconds")).doubleValue(),
                ((Number) json.get("peakRssMb")).longValue(), (String) json.get("measured"));
    }

    private static Map<String, Object> inputJson(InputFile f) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("path", f.path());
        json.put("size", f.size());
        json.put("modified", f.modified());
        if (f.sha256() != null) json.put("sha256", f.sha256());
        return json;
    }

    @SuppressWarnings("unchecked")
    private static TaskResult fromJson(Path file, Map<String, Object> json) {
        try {
            String failure = (String) json.get("failure");
            return new TaskResult((String) json.get("stage"), num(json, "index"), (String) json.get("id"),
                    (String) json.getOrDefault("recipe", ""), num(json, "attempt"), num(json, "exit"),
                    failure == null ? null : FailureClass.fromKey(failure).orElse(FailureClass.STEP_ERROR),
                    (String) json.get("message"), (String) json.get("host"), (String) json.get("started"),
                    (String) json.get("finished"),
                    ((List<Map<String, Object>>) json.get("inputs")).stream().map(m -> new InputFile((String) m.get("path"),
                            ((Number) m.get("size")).longValue(), ((Number) m.get("modified")).longValue(), (String) m.get("sha256"))).toList(),
                    (Map<String, String>) json.getOrDefault("paramFiles", Map.of()),
                    ((List<Map<String, Object>>) json.get("upstream")).stream().map(m -> new UpstreamUse((String) m.get("stage"),
                            num(m, "index"), (String) m.get("outputsDigest"))).toList(),
                    ((List<Map<String, Object>>) json.get("outputs")).stream().map(m -> new Output((String) m.get("path"),
                            ((Number) m.get("size")).longValue(), (String) m.get("sha256"))).toList(),
                    (Map<String, Object>) json.getOrDefault("point", Map.of()),
                    usage((Map<String, Object>) json.get("usage")),
                    ((List<Map<String, Object>>) json.getOrDefault("published", List.of())).stream().map(Publications.Publication::fromJson).toList());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": not a complete result (" + e + ")");
        }
    }

    private static int num(Map<String, Object> json, String key) {
        Object value = json.get(key);
        if (!(value instanceof Number n)) throw new IllegalArgumentException("missing '" + key + "'");
        return n.intValue();
    }
}
