package flow.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One stage as declared in a .flow file. Filled in by the DSL, then validated, then read only. */
public final class StageSpec {
    /** Group value meaning "every upstream task's outputs in one task". */
    public static final int GROUP_ALL = 0;

    private final String name;
    private final SourceLocation at;
    /** Its block stopped at an error (reported): the validator does not check it, to add nothing that error caused. */
    private boolean unread;
    private InputSpec inputs;
    /** The upstream scan's axes whose values make one task each ({@code by:}); empty for none. */
    private List<String> by = List.of();
    private SourceLocation byAt;
    private Integer group;
    private SourceLocation groupAt;
    private Integer throttle;
    private PublishSpec publish;
    private Batching batching = Batching.NONE;
    private SourceLocation batchAt;
    private StepCall step;
    private final List<String> outputs = new ArrayList<>();
    private RetrySpec retry = RetrySpec.NONE;
    private final Map<String, List<Object>> scan = new LinkedHashMap<>();
    /** Points given one by one (a CSV scan) instead of the product of the axes; null for the product. */
    private List<Map<String, Object>> explicitPoints;
    /** Points to drop ({@code exclude { p -> ... }}); null keeps every one. */
    private java.util.function.Predicate<Map<String, Object>> exclude;
    private SourceLocation scanAt;
    private final List<StageRef> dependsOn = new ArrayList<>();
    private final List<StageRef> cleanup = new ArrayList<>();
    private String profile;
    private SourceLocation profileAt;
    private final Map<String, Object> resources = new LinkedHashMap<>();
    private final Map<String, SourceLocation> resourceAt = new LinkedHashMap<>();
    /** Parameters of the stage's step written as directives of the stage (the skim's define, where, keep, nevents). */
    private final Map<String, Object> stepDirectives = new LinkedHashMap<>();

    public StageSpec(String name, SourceLocation at) {
        this.name = name;
        this.at = at;
    }

    public String name() { return name; }
    public SourceLocation at() { return at; }
    public InputSpec inputs() { return inputs; }
    public void inputs(InputSpec inputs) { this.inputs = inputs; }
    public List<String> by() { return by; }
    public SourceLocation byAt() { return byAt; }
    public void by(List<String> axes, SourceLocation at) { this.by = List.copyOf(axes); this.byAt = at; }
    public Integer group() { return group; }
    public SourceLocation groupAt() { return groupAt; }
    public void group(int group, SourceLocation at) { this.group = group; this.groupAt = at; }
    public Integer throttle() { return throttle; }
    public void throttle(int throttle) { this.throttle = throttle; }
    public PublishSpec publish() { return publish; }
    public void publish(PublishSpec publish) { this.publish = publish; }
    public Batching batching() { return batching; }
    public SourceLocation batchAt() { return batchAt; }
    public void batching(Batching batching, SourceLocation at) { this.batching = batching; this.batchAt = at; }
    /** The step call, with the stage's step directives among its parameters. */
    public StepCall step() {
        if (step == null || stepDirectives.isEmpty()) return step;
        Map<String, Object> params = new LinkedHashMap<>(step.params());
        params.putAll(stepDirectives);
        return new StepCall(step.name(), params, step.at());
    }
    public Map<String, Object> stepDirectives() { return stepDirectives; }
    public void step(StepCall step) { this.step = step; }
    public List<String> outputs() { return outputs; }
    public RetrySpec retry() { return retry; }
    public void retry(RetrySpec retry) { this.retry = retry; }
    public Map<String, List<Object>> scan() { return scan; }
    public SourceLocation scanAt() { return scanAt; }

    /** The points, one by one: each axis name keeps its values in the order given. */
    public void explicitPoints(List<Map<String, Object>> points) {
        this.explicitPoints = points;
        points.forEach(p -> p.keySet().forEach(axis -> scan.computeIfAbsent(axis, a -> new ArrayList<>())));
        points.forEach(p -> p.forEach((axis, value) -> { if (!scan.get(axis).contains(value)) scan.get(axis).add(value); }));
    }

    public void exclude(java.util.function.Predicate<Map<String, Object>> exclude) { this.exclude = exclude; }

    /**
     * The stage's scan points: those given one by one, else the cartesian product of the axes
     * (last axis varying fastest), without the excluded ones; one empty point without a scan.
     */
    public List<Map<String, Object>> scanPoints() {
        List<Map<String, Object>> points = explicitPoints != null ? explicitPoints : product(scan);
        return exclude == null ? points : points.stream().filter(exclude.negate()).toList();
    }

    private static List<Map<String, Object>> product(Map<String, List<Object>> axes) {
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
    public void scanAt(SourceLocation at) { this.scanAt = at; }
    public List<StageRef> dependsOn() { return dependsOn; }
    public List<StageRef> cleanup() { return cleanup; }
    public String profile() { return profile; }
    public SourceLocation profileAt() { return profileAt; }
    public void profile(String profile, SourceLocation at) { this.profile = profile; this.profileAt = at; }
    /** Resource overrides written in the stage itself (cpus, memory, time, ...). */
    public Map<String, Object> resources() { return Collections.unmodifiableMap(resources); }
    public void resource(String key, Object value, SourceLocation at) { resources.put(key, value); resourceAt.put(key, at); }
    /** Where the stage sets resource {@code key}; the stage's own line if it does not. */
    public SourceLocation resourceAt(String key) { return resourceAt.getOrDefault(key, at); }

    /** Files per task for file inputs (default 1); upstream tasks per task for outputsOf (default all). */
    public int effectiveGroup() {
        if (group != null) return group;
        return inputs instanceof InputSpec.UpstreamOutputs ? GROUP_ALL : 1;
    }

    public List<String> dependencyNames() {
        return dependsOn.stream().map(StageRef::name).toList();
    }

    public void markUnread() {
        unread = true;
    }

    public boolean unread() {
        return unread;
    }
}
