package flow.plan;

import java.util.List;

/** A stage with its tasks, in index order. */
public record PlannedStage(StageDefinition definition, List<PlannedTask> tasks) {
    public String name() {
        return definition.name();
    }
}
