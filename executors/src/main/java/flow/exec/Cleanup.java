package flow.exec;

import flow.plan.Plan;
import flow.run.Ledger;
import flow.run.RunDir;
import flow.run.SafeDelete;

import java.util.Map;

/**
 * A cleanup hook: deletes a stage's task outputs (its {@code out/} directories) once every stage
 * that consumes them succeeded. Results stay, so the tasks remain DONE, trusted by digest.
 */
final class Cleanup {
    private Cleanup() {}

    /** Whether any task of the stage still has outputs to delete. */
    static boolean due(RunDir run, Plan plan, String stage) {
        int tasks = plan.stage(stage).tasks().size();
        for (int i = 0; i < tasks; i++) {
            if (java.nio.file.Files.exists(run.outDir(stage, i))) return true;
        }
        return false;
    }

    /** @return bytes freed */
    static long run(RunDir run, Plan plan, String stage, Ledger ledger) {
        long freed = 0;
        int tasks = plan.stage(stage).tasks().size();
        for (int i = 0; i < tasks; i++) freed += SafeDelete.deleteInside(run.root(), run.outDir(stage, i));
        ledger.append("cleanup", Map.of("stage", stage, "tasks", tasks, "bytes", freed));
        return freed;
    }
}
