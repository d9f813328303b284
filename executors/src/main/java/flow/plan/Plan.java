package flow.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stages in dependency order (declaration order where free), each with its tasks. */
public final class Plan {
    private final String pipeline;
    private final Map<String, PlannedStage> stages = new LinkedHashMap<>();

    public Plan(String pipeline, List<PlannedStage> ordered) {
        this.pipeline = pipeline;
        ordered.forEach(s -> stages.put(s.name(), s));
    }

    public String pipeline() { return pipeline; }

    public List<PlannedStage> stages() { return new ArrayList<>(stages.values()); }

    public PlannedStage stage(String name) { return stages.get(name); }

    public int taskCount() {
        return stages.values().stream().mapToInt(PlannedStage::liveCount).sum();
    }

    /** Stages that depend on {@code name} or read its outputs. */
    public List<String> dependentsOf(String name) {
        return stages.values().stream()
                .filter(s -> s.definition().dependsOn().contains(name) || s.definition().upstream().contains(name))
                .map(PlannedStage::name).toList();
    }
}
