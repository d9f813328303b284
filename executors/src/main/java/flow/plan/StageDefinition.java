package flow.plan;

import flow.model.Batching;
import flow.model.FailureClass;
import flow.model.PublishSpec;
import flow.model.Resources;
import flow.model.RetrySpec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stage as the tasks need it: resolved step parameters, resources, output patterns and
 * upstream stages. It is frozen into run.json, so that a task running anywhere needs nothing else.
 *
 * @param upstream     stages whose outputs are this stage's inputs (outputsOf), empty otherwise
 * @param cleanupOf    stages whose outputs this stage's success allows to delete
 * @param group        inputs per task ({@link flow.model.StageSpec#GROUP_ALL}: all in one)
 * @param paramFiles   the content digest (SHA-256) of each file a step parameter names, by parameter
 * @param publish      where DONE tasks' outputs are published (a local target made absolute), or null
 */
public record StageDefinition(String name, String step, Map<String, Object> params, List<String> outputs,
                              List<String> dependsOn, List<String> upstream, List<String> cleanupOf,
                              RetrySpec retry, Integer throttle, Resources resources,
                              List<String> scanAxes, int group, Map<String, String> paramFiles, Batching batching, PublishSpec publish) {

    /** The same stage asking for {@code other} resources (a batch job's, a cleanup's). */
    public StageDefinition withResources(Resources other) {
        return new StageDefinition(name, step, params, outputs, dependsOn, upstream, cleanupOf, retry, throttle, other,
                scanAxes, group, paramFiles, batching, publish);
    }

    public StageDefinition withPublish(PublishSpec other) {
        return new StageDefinition(name, step, params, outputs, dependsOn, upstream, cleanupOf, retry, throttle, resources,
                scanAxes, group, paramFiles, batching, other);
    }

    public int cpus() {
        return resources.cpus();
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("step", step);
        json.put("params", params);
        json.put("outputs", outputs);
        json.put("dependsOn", dependsOn);
        json.put("upstream", upstream);
        json.put("cleanupOf", cleanupOf);
        json.put("retry", Map.of("max", retry.maxRetries(), "on", retry.on().stream().map(FailureClass::key).sorted().toList()));
        json.put("throttle", throttle);
        json.put("resources", resources.asMap());
        json.put("scanAxes", scanAxes);
        json.put("group", group);
        json.put("paramFiles", paramFiles);
        json.put("batch", Map.of("size", batching.size(), "parallel", batching.parallel()));
        if (publish != null) json.put("publish", publish.toJson());
        return json;
    }

    @SuppressWarnings("unchecked")
    public static StageDefinition fromJson(Map<String, Object> json) {
        Map<String, Object> retry = (Map<String, Object>) json.get("retry");
        EnumSet<FailureClass> on = EnumSet.noneOf(FailureClass.class);
        ((List<String>) retry.get("on")).forEach(k -> FailureClass.fromKey(k).ifPresent(on::add));
        return new StageDefinition((String) json.get("name"), (String) json.get("step"),
                new LinkedHashMap<>((Map<String, Object>) json.get("params")),
                new ArrayList<>((List<String>) json.get("outputs")),
                new ArrayList<>((List<String>) json.get("dependsOn")),
                new ArrayList<>((List<String>) json.get("upstream")),
                new ArrayList<>((List<String>) json.get("cleanupOf")),
                new RetrySpec(((Number) retry.get("max")).intValue(), on),
                json.get("throttle") == null ? null : ((Number) json.get("throttle")).intValue(),
                new Resources((Map<String, Object>) json.get("resources")),
                new ArrayList<>((List<String>) json.get("scanAxes")),
                ((Number) json.getOrDefault("group", 1)).intValue(),
                new LinkedHashMap<>((Map<String, String>) json.getOrDefault("paramFiles", Map.of())),
                batching((Map<String, Object>) json.get("batch")),
                PublishSpec.fromJson((Map<String, Object>) json.get("publish")));
    }

    private static Batching batching(Map<String, Object> json) {
        return json == null ? Batching.NONE
                : new Batching(((Number) json.get("size")).intValue(), ((Number) json.get("parallel")).intValue());
    }

    /** The {@code environment} resource (from the profile) the step's processes get, as strings. */
    public Map<String, String> environment() {
        Map<String, String> env = new java.util.TreeMap<>();
        if (resources.get("environment") instanceof Map<?, ?> given) given.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        return env;
    }
}
