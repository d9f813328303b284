package flow.run;

import flow.plan.Plan;
import flow.plan.PlannedStage;
import flow.plan.StageDefinition;
import flow.util.AtomicFiles;
import flow.util.Digests;
import flow.util.Json;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code run.json}: what a run is, frozen: the .flow text, parameters, stage definitions and
 * options. Workers read their stage from it; resume reads the rest.
 */
public record RunRecord(String name, String pipeline, String flowFile, String flowText, String launchDir,
                        String executor, Map<String, String> paramOverrides, Map<String, Object> params,
                        Map<String, Object> options, List<StageDefinition> stages, Map<String, Integer> taskCounts,
                        Map<String, String> removedTasks) {

    public static final String FLOW_VERSION = "0.1.0";

    public static RunRecord of(String name, Plan plan, String flowFile, String flowText, String launchDir, String executor,
                               Map<String, String> overrides, Map<String, Object> params, Map<String, Object> options) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> removed = new LinkedHashMap<>();
        for (PlannedStage s : plan.stages()) {
            counts.put(s.name(), s.tasks().size());
            List<Integer> gone = s.tasks().stream().filter(flow.plan.PlannedTask::removed).map(flow.plan.PlannedTask::index).toList();
            if (!gone.isEmpty()) removed.put(s.name(), flow.util.IndexRanges.format(gone));
        }
        return new RunRecord(name, plan.pipeline(), flowFile, flowText, launchDir, executor, overrides, params, options,
                plan.stages().stream().map(PlannedStage::definition).toList(), counts, removed);
    }

    /** The indices of a stage's tasks that are part of the plan (not removed), in order. */
    public List<Integer> liveIndices(String stage) {
        java.util.Set<Integer> removed = removed(stage);
        return java.util.stream.IntStream.range(0, taskCounts.get(stage)).filter(i -> !removed.contains(i)).boxed().toList();
    }

    /** The indices of a stage's removed tasks: planned once, no longer part of the plan. */
    public java.util.Set<Integer> removed(String stage) {
        String ranges = removedTasks.get(stage);
        return ranges == null ? java.util.Set.of() : new java.util.HashSet<>(flow.util.IndexRanges.parse(ranges));
    }

    public StageDefinition stage(String stage) {
        return stages.stream().filter(s -> s.name().equals(stage)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("run " + name + " has no stage '" + stage + "'"));
    }

    public int intOption(String key, int otherwise) {
        return options.get(key) instanceof Number n ? n.intValue() : otherwise;
    }

    public void write(Path file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("flowVersion", FLOW_VERSION);
        json.put("name", name);
        json.put("pipeline", pipeline);
        json.put("flowFile", flowFile);
        json.put("launchDir", launchDir);
        json.put("executor", executor);
        json.put("paramOverrides", paramOverrides);
        json.put("params", params);
        json.put("options", options);
        json.put("planHash", planHash());
        json.put("taskCounts", taskCounts);
        json.put("removedTasks", removedTasks);
        json.put("stages", stages.stream().map(StageDefinition::toJson).toList());
        json.put("flowText", flowText);
        AtomicFiles.write(file, Json.pretty(json));
    }

    /** Identifies the stage definitions and task counts: equal plans hash equally. */
    public String planHash() {
        return Digests.sha256(Json.compact(Digests.canonical(Map.of("stages", stages.stream().map(StageDefinition::toJson).toList(),
                "taskCounts", taskCounts, "removedTasks", removedTasks)))).substring(0, 16);
    }

    @SuppressWarnings("unchecked")
    public static RunRecord read(Path file) {
        Map<String, Object> json = Json.readObject(file);
        List<StageDefinition> stages = new ArrayList<>();
        ((List<Map<String, Object>>) json.get("stages")).forEach(s -> stages.add(StageDefinition.fromJson(s)));
        Map<String, Integer> counts = new LinkedHashMap<>();
        ((Map<String, Object>) json.get("taskCounts")).forEach((k, v) -> counts.put(k, ((Number) v).intValue()));
        return new RunRecord((String) json.get("name"), (String) json.get("pipeline"), (String) json.get("flowFile"),
                (String) json.get("flowText"), (String) json.get("launchDir"), (String) json.get("executor"),
                (Map<String, String>) json.get("paramOverrides"), (Map<String, Object>) json.get("params"),
                (Map<String, Object>) json.get("options"), stages, counts,
                new LinkedHashMap<>((Map<String, String>) json.getOrDefault("removedTasks", Map.of())));
    }
}
