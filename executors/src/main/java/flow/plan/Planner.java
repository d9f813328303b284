package flow.plan;

import flow.model.InputFiles;
import flow.model.InputSpec;
import flow.model.PipelineSpec;
import flow.model.Resources;
import flow.model.StageRef;
import flow.model.StageSpec;
import flow.profile.Profiles;
import flow.step.StepRegistry;
import flow.util.CommandTemplate;
import flow.util.Digests;
import flow.util.Json;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a validated pipeline into stages in dependency order, each with its tasks. */
public final class Planner {
    private final StepRegistry steps;
    private final Profiles profiles;
    private final Path launchDir;
    private final Map<String, Object> resourceOverrides;

    /** @param resourceOverrides resources given on the command line: they win over profiles and stages */
    public Planner(StepRegistry steps, Profiles profiles, Path launchDir, Map<String, Object> resourceOverrides) {
        this.steps = steps;
        this.profiles = profiles;
        this.launchDir = launchDir;
        this.resourceOverrides = resourceOverrides;
    }

    /**
     * The account: the command line's, else the profile's (or stage's), else the detector's,
     * else the default of the site that defines the detector (or, without one, the profile); a
     * blank or "None" account is no account, never passed on.
     */
    private void account(Map<String, Object> resources, String profile, String detector) {
        if (!given(resources.get("account"))) {
            Object fromDetector = detector == null ? null : profiles.detector(detector).map(d -> d.get("account")).orElse(null);
            Object account = given(fromDetector) ? fromDetector : profiles.siteDefault(profile, detector, "account").orElse(null);
            if (given(account)) resources.put("account", account); else resources.remove("account");
        }
    }

    private static boolean given(Object value) {
        return value != null && !String.valueOf(value).isBlank() && !String.valueOf(value).equals("None");
    }

    public Planner(StepRegistry steps, Profiles profiles, Path launchDir) {
        this(steps, profiles, launchDir, Map.of());
    }

    public Plan plan(PipelineSpec pipeline) {
        List<PlannedStage> planned = new ArrayList<>();
        Map<String, Integer> taskCounts = new LinkedHashMap<>();
        for (StageSpec stage : dependencyOrder(pipeline)) {
            StageDefinition definition = define(pipeline, stage);
            List<PlannedTask> tasks = tasks(stage, definition, taskCounts, pipeline.params());
            taskCounts.put(stage.name(), tasks.size());
            planned.add(new PlannedStage(definition, tasks));
        }
        return new Plan(pipeline.name(), planned);
    }

    /** Topological order; among stages that are ready, the one declared first. */
    static List<StageSpec> dependencyOrder(PipelineSpec pipeline) {
        List<StageSpec> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (placed.size() < pipeline.stages().size()) {
            StageSpec next = pipeline.stages().values().stream()
                    .filter(s -> !placed.contains(s.name()) && placed.containsAll(s.dependencyNames()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("dependency cycle (validate first)"));
            placed.add(next.name());
            ordered.add(next);
        }
        return ordered;
    }

    private StageDefinition define(PipelineSpec pipeline, StageSpec stage) {
        var step = steps.get(stage.step().name());
        Map<String, Object> resources = new LinkedHashMap<>();
        String profile = pipeline.profileOf(stage, profiles);
        profiles.find(profile).ifPresent(resources::putAll);
        resources.putAll(stage.resources());
        resources.putAll(resourceOverrides);
        account(resources, profile, pipeline.detector());
        resources.put("profile", profile);
        List<String> upstream = stage.inputs() instanceof InputSpec.UpstreamOutputs u ? u.stages() : List.of();
        return new StageDefinition(stage.name(), step.name(), StepRegistry.withDefaults(step, stage.step().params()),
                List.copyOf(stage.outputs()), stage.dependencyNames(), upstream,
                stage.cleanup().stream().map(StageRef::name).toList(), stage.retry(), stage.throttle(),
                new Resources(resources), new ArrayList<>(stage.scan().keySet()));
    }

    /**
     * The pipeline parameters a step's templates read at run time ({@code ${params.x}}): they
     * change what a task does, so they are part of its identity; the others are not.
     */
    static Map<String, Object> referencedParams(Map<String, Object> stepParams, Map<String, Object> pipelineParams) {
        Map<String, Object> used = new java.util.TreeMap<>();
        for (Object value : stepParams.values()) {
            if (!(value instanceof CharSequence text)) continue;
            for (String name : new CommandTemplate(text.toString()).placeholders()) {
                String param = name.startsWith("params.") ? name.substring("params.".length()) : null;
                if (param != null && pipelineParams.containsKey(param)) used.put(param, pipelineParams.get(param));
            }
        }
        return used;
    }

    private List<PlannedTask> tasks(StageSpec stage, StageDefinition definition, Map<String, Integer> taskCounts,
                                    Map<String, Object> pipelineParams) {
        List<List<InputFile>> fileGroups = new ArrayList<>();
        List<List<UpstreamRef>> upstreamGroups = new ArrayList<>();
        int group = stage.effectiveGroup();
        if (stage.inputs() instanceof InputSpec.UpstreamOutputs u) {
            upstreamGroups = upstreamGroups(u.stages(), group, taskCounts);
        } else if (stage.inputs() != null) {
            List<InputFile> files = InputFiles.expand(stage.inputs(), launchDir).stream().map(InputFile::of).toList();
            fileGroups = chunks(files, group);
        }
        int units = Math.max(1, Math.max(fileGroups.size(), upstreamGroups.size()));
        if (stage.inputs() != null && fileGroups.isEmpty() && upstreamGroups.isEmpty()) units = 0;
        List<Map<String, Object>> points = scanPoints(stage.scan());
        String stepKey = Json.compact(Digests.canonical(Map.of("step", definition.step(), "params", definition.params(),
                "pipelineParams", referencedParams(definition.params(), pipelineParams))));
        List<String> pointKeys = points.stream().map(p -> stepKey + '\n' + Json.compact(Digests.canonical(p))).toList();
        List<PlannedTask> tasks = new ArrayList<>(units * points.size());
        for (int unit = 0; unit < units; unit++) {
            List<InputFile> files = fileGroups.isEmpty() ? List.of() : fileGroups.get(unit);
            List<UpstreamRef> refs = upstreamGroups.isEmpty() ? List.of() : upstreamGroups.get(unit);
            for (int p = 0; p < points.size(); p++) {
                tasks.add(new PlannedTask(tasks.size(), identity(pointKeys.get(p), files, refs), files, refs, points.get(p)));
            }
        }
        return tasks;
    }

    /** @param pointKey the step, its parameters and the scan point, as canonical text */
    static String identity(String pointKey, List<InputFile> files, List<UpstreamRef> refs) {
        StringBuilder text = new StringBuilder(pointKey);
        for (InputFile f : files) text.append('\n').append(f.fingerprint());
        for (UpstreamRef r : refs) text.append('\n').append(r.label());
        return Digests.sha256(text.toString()).substring(0, 32);
    }

    private static List<List<UpstreamRef>> upstreamGroups(List<String> stages, int group, Map<String, Integer> counts) {
        if (group == StageSpec.GROUP_ALL) {
            List<UpstreamRef> all = stages.stream().map(s -> new UpstreamRef(s, 0, counts.get(s))).filter(r -> r.count() > 0).toList();
            return all.isEmpty() ? List.of() : List.of(all);
        }
        String stage = stages.get(0);
        int n = counts.get(stage);
        List<List<UpstreamRef>> groups = new ArrayList<>();
        for (int from = 0; from < n; from += group) groups.add(List.of(new UpstreamRef(stage, from, Math.min(n, from + group))));
        return groups;
    }

    private static <T> List<List<T>> chunks(List<T> items, int size) {
        if (items.isEmpty()) return List.of();
        if (size == StageSpec.GROUP_ALL) return List.of(items);
        List<List<T>> chunks = new ArrayList<>((items.size() + size - 1) / size);
        for (int i = 0; i < items.size(); i += size) chunks.add(items.subList(i, Math.min(items.size(), i + size)));
        return chunks;
    }

    /** The cartesian product of the scan axes, last axis varying fastest; one empty point without a scan. */
    static List<Map<String, Object>> scanPoints(Map<String, List<Object>> axes) {
        List<Map<String, Object>> points = new ArrayList<>(List.of(new LinkedHashMap<>()));
        for (var axis : axes.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> point : points) {
                for (Object value : axis.getValue()) {
                    Map<String, Object> extended = new LinkedHashMap<>(point);
                    extended.put(axis.getKey(), value);
                    next.add(extended);
                }
            }
            points = next;
        }
        return points;
    }
}
