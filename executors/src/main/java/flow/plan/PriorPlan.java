package flow.plan;

import java.util.List;
import java.util.Map;

/**
 * What a run planned last, for a re-plan to keep: each stage's grouping and its tasks (removed
 * ones included) in index order. A new run has none.
 */
public record PriorPlan(Map<String, Integer> groups, Map<String, List<PlannedTask>> tasks) {
    public static PriorPlan none() {
        return new PriorPlan(Map.of(), Map.of());
    }

    /** The stage's earlier tasks, if it was planned with the same grouping; else none. */
    List<PlannedTask> of(String stage, int group) {
        Integer before = groups.get(stage);
        return before != null && before == group ? tasks.getOrDefault(stage, List.of()) : List.of();
    }

    /** The stage's earlier tasks whatever their grouping: they keep their indices, as removed ones if need be. */
    List<PlannedTask> all(String stage) {
        return tasks.getOrDefault(stage, List.of());
    }
}
