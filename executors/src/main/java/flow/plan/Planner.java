package flow.plan;

import flow.model.InputFiles;
import flow.model.PublishSpec;
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
        return plan(pipeline, PriorPlan.none());
    }

    /**
     * Plans the pipeline; a re-plan of a run keeps each task that is planned again (the same
     * inputs and scan point) at its index, gives new tasks the next free indices, and keeps the
     * tasks no longer planned as removed.
     */
    public Plan plan(PipelineSpec pipeline, PriorPlan prior) {
        List<PlannedStage> planned = new ArrayList<>();
        Map<String, PlannedStage> byName = new LinkedHashMap<>();
        for (StageSpec stage : dependencyOrder(pipeline)) {
            StageDefinition definition = define(pipeline, stage);
            TaskSlots slots = tasks(stage, definition, byName, pipeline.params(), prior);
            PlannedStage plannedStage = new PlannedStage(definition, slots.tasks(), slots.asBefore());
            byName.put(stage.name(), plannedStage);
            planned.add(plannedStage);
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
                new Resources(resources), pointAxes(stage), stage.effectiveGroup(),
                paramFiles(step, stage.step().params()), stage.batching(), absolute(stage.publish()));
    }

    /** A local publish target resolved against the launch directory: tasks publish from wherever they run. */
    private PublishSpec absolute(PublishSpec publish) {
        if (publish == null || publish.remote()) return publish;
        String target = launchDir.resolve(publish.target()).toAbsolutePath().normalize().toString();
        return publish.withTarget(target);
    }

    /** The names in a task's point: the by: axes (or a discovered dataset's name), then the stage's own scan axes. */
    private static List<String> pointAxes(StageSpec stage) {
        List<String> axes = new ArrayList<>(stage.by());
        if (stage.inputs() instanceof InputSpec.Discovered) axes.add(flow.model.Dataset.NAME);
        axes.addAll(stage.scan().keySet());
        return axes;
    }

    /** The content digest of each file a step parameter names (relative paths from the launch directory). */
    private Map<String, String> paramFiles(flow.step.Step step, Map<String, Object> given) {
        Map<String, String> digests = new java.util.TreeMap<>();
        for (flow.step.StepParam p : step.params()) {
            if (p.type() != flow.step.ParamType.FILE || !(given.get(p.name()) instanceof CharSequence path)) continue;
            Path file = launchDir.resolve(path.toString());
            if (java.nio.file.Files.isRegularFile(file)) digests.put(p.name(), FileDigests.user().sha256(file));
        }
        return digests;
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

    /** The stage's tasks, placed at their indices. */
    private TaskSlots tasks(StageSpec stage, StageDefinition definition, Map<String, PlannedStage> upstreamPlans,
                                    Map<String, Object> pipelineParams, PriorPlan prior) {
        int group = stage.effectiveGroup();
        List<List<String>> earlierGroups = group == 1 || group == StageSpec.GROUP_ALL ? List.of()
                : prior.of(stage.name(), group).stream().map(Planner::memberKeys).distinct().toList();
        List<List<InputFile>> fileGroups = List.of();
        List<List<UpstreamRef>> upstreamGroups = List.of();
        // by: one task per value of the upstream scan's axes, which become this task's point too (so do a dataset's)
        List<Map<String, Object>> unitPoints = List.of();
        if (stage.inputs() instanceof InputSpec.UpstreamOutputs u && !stage.by().isEmpty()) {
            String up = u.stages().get(0);
            Map<Map<String, Object>, List<PlannedTask>> byValues = new LinkedHashMap<>();
            for (PlannedTask t : upstreamPlans.get(up).liveTasks()) {
                Map<String, Object> values = new LinkedHashMap<>();
                stage.by().forEach(axis -> values.put(axis, t.scan().get(axis)));
                byValues.computeIfAbsent(values, v -> new ArrayList<>()).add(t);
            }
            upstreamGroups = byValues.values().stream().map(tasks -> UpstreamRef.ranges(up, tasks)).toList();
            unitPoints = new ArrayList<>(byValues.keySet());
        } else if (stage.inputs() instanceof InputSpec.UpstreamOutputs u) {
            if (group == StageSpec.GROUP_ALL) {
                List<UpstreamRef> all = new ArrayList<>();
                for (String up : u.stages()) all.addAll(UpstreamRef.ranges(up, upstreamPlans.get(up).liveTasks()));
                upstreamGroups = all.isEmpty() ? List.of() : List.of(all);
            } else {
                String up = u.stages().get(0);
                List<String> items = upstreamPlans.get(up).liveTasks().stream().map(t -> up + "[" + t.index() + "]").toList();
                upstreamGroups = StableGroups.of(items, k -> k, group, earlierGroups).stream().map(UpstreamRef::ranges).toList();
            }
        } else if (stage.inputs() instanceof InputSpec.Discovered d) {
            // one task per dataset, known by its name and values (its point), its files its inputs
            List<flow.model.Dataset> datasets = d.datasets().get();
            fileGroups = datasets.parallelStream().map(ds -> ds.files().stream().map(InputFile::of).toList()).toList();
            unitPoints = datasets.stream().map(flow.model.Dataset::point).toList();
        } else if (stage.inputs() != null) {
            List<InputFile> files = InputFile.ofAll(InputFiles.expand(stage.inputs(), launchDir));
            fileGroups = StableGroups.of(files, InputFile::path, group, earlierGroups);
        }
        int units = Math.max(1, Math.max(fileGroups.size(), upstreamGroups.size()));
        if (stage.inputs() != null && fileGroups.isEmpty() && upstreamGroups.isEmpty()) units = 0;
        List<Map<String, Object>> points = withUnitPoints(stage.scanPoints(), unitPoints);
        String stepKey = Json.compact(Digests.canonical(Map.of("step", definition.step(), "params", definition.params(),
                "paramFiles", definition.paramFiles(), "pipelineParams", referencedParams(definition.params(), pipelineParams))));
        List<String> pointTexts = points.stream().map(TaskSlots::pointText).toList();
        List<String> recipes = pointTexts.stream().map(p -> Digests.sha256(stepKey + '\n' + p).substring(0, 32)).toList();
        List<List<InputFile>> filesOfUnit = fileGroups;
        List<List<UpstreamRef>> refsOfUnit = upstreamGroups;
        // with by:, each unit has its own points (its values with the stage's own points); else all units share them
        int pointCount = unitPoints.isEmpty() ? points.size() : points.size() / units;
        int pointStride = unitPoints.isEmpty() ? 0 : pointCount;
        java.util.function.IntUnaryOperator pointOf = n -> n / pointCount * pointStride + n % pointCount;
        // identities are hashes, independent of each other: computed in parallel, placed in order. A
        // task planned again exactly as the earlier task at its index is that task: nothing to hash
        List<PlannedTask> earlier = prior.all(stage.name());
        PlannedTask[] planned = new PlannedTask[units * pointCount];
        java.util.stream.IntStream.range(0, planned.length).parallel().forEach(n -> {
            int unit = n / pointCount, p = pointOf.applyAsInt(n);
            List<InputFile> files = filesOfUnit.isEmpty() ? List.of() : filesOfUnit.get(unit);
            List<UpstreamRef> refs = refsOfUnit.isEmpty() ? List.of() : refsOfUnit.get(unit);
            PlannedTask before = n < earlier.size() ? earlier.get(n) : null;
            planned[n] = before != null && before.plansSameWork(recipes.get(p), files, refs, points.get(p)) ? before
                    : new PlannedTask(-1, identity(recipes.get(p), files, refs), recipes.get(p), files, refs, points.get(p), false);
        });
        // a by: task is known by its values alone, as a group 'all' task by its point: its upstream tasks may change
        TaskSlots slots = new TaskSlots(earlier, group == StageSpec.GROUP_ALL || !unitPoints.isEmpty());
        for (int n = 0; n < planned.length; n++) slots.place(planned[n], pointTexts.get(pointOf.applyAsInt(n)));
        return slots;
    }

    /** The points of each by: unit in turn (its values, then each of the stage's own points); {@code own} without by:. */
    private static List<Map<String, Object>> withUnitPoints(List<Map<String, Object>> own, List<Map<String, Object>> unitPoints) {
        if (unitPoints.isEmpty()) return own;
        List<Map<String, Object>> points = new ArrayList<>();
        for (Map<String, Object> values : unitPoints) {
            for (Map<String, Object> point : own) {
                Map<String, Object> merged = new LinkedHashMap<>(values);
                merged.putAll(point);
                points.add(merged);
            }
        }
        return points;
    }

    /** What a task consumes, as keys that name the same inputs in every plan: paths, or upstream tasks. */
    static List<String> memberKeys(PlannedTask task) {
        if (!task.files().isEmpty()) return task.files().stream().map(InputFile::path).toList();
        List<String> keys = new ArrayList<>();
        for (UpstreamRef r : task.upstream()) for (int i = r.from(); i < r.to(); i++) keys.add(r.stage() + "[" + i + "]");
        return keys;
    }

    /** @param recipe the step, its parameters and the scan point, hashed */
    static String identity(String recipe, List<InputFile> files, List<UpstreamRef> refs) {
        StringBuilder text = new StringBuilder(recipe);
        for (InputFile f : files) text.append('\n').append(f.fingerprint());
        for (UpstreamRef r : refs) text.append('\n').append(r.label());
        return Digests.sha256(text.toString()).substring(0, 32);
    }
}
