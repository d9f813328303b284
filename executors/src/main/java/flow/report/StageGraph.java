package flow.report;

import flow.model.PipelineSpec;
import flow.model.StageRef;
import flow.model.StageSpec;
import flow.plan.StageDefinition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stages of a pipeline and what links them: dependencies, and cleanup hooks (a stage that
 * deletes another's outputs once its consumers succeeded), drawn apart. Built from a .flow file
 * ({@code flow dag}) or from a run's frozen stages (the report).
 */
public record StageGraph(List<Node> nodes, List<Edge> edges) {
    /** @param label what the node says under its name: the step, and the task count when known */
    public record Node(String name, String label) {}

    public record Edge(String from, String to, boolean cleanup) {}

    public static StageGraph of(PipelineSpec spec) {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (StageSpec stage : spec.stages().values()) {
            nodes.add(new Node(stage.name(), stage.step() == null ? "" : stage.step().name()));
            stage.dependencyNames().forEach(d -> edges.add(new Edge(d, stage.name(), false)));
            for (StageRef clean : stage.cleanup()) edges.add(new Edge(stage.name(), clean.name(), true));
        }
        return new StageGraph(nodes, edges);
    }

    public static StageGraph of(List<StageDefinition> stages, Map<String, Integer> taskCounts) {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (StageDefinition stage : stages) {
            nodes.add(new Node(stage.name(), stage.step() + " · " + taskCounts.getOrDefault(stage.name(), 0) + " tasks"));
            stage.dependsOn().forEach(d -> edges.add(new Edge(d, stage.name(), false)));
            stage.cleanupOf().forEach(c -> edges.add(new Edge(stage.name(), c, true)));
        }
        return new StageGraph(nodes, edges);
    }

    /** Each stage's layer: 0 for a stage that depends on none, else one more than its deepest dependency. */
    Map<String, Integer> layers() {
        Map<String, Integer> layer = new HashMap<>();
        boolean changed = true;
        nodes.forEach(n -> layer.put(n.name(), 0));
        // dependencies are acyclic (validated): relaxing as often as there are nodes settles every layer
        for (int round = 0; changed && round <= nodes.size(); round++) {
            changed = false;
            for (Edge e : edges) {
                if (e.cleanup() || !layer.containsKey(e.from())) continue;
                int wanted = layer.get(e.from()) + 1;
                if (layer.get(e.to()) < wanted) {
                    layer.put(e.to(), wanted);
                    changed = true;
                }
            }
        }
        return layer;
    }
}
