package flow.exec;

import flow.run.RunDir;
import flow.run.SafeDelete;
import flow.run.TaskResult;
import flow.util.AtomicFiles;
import flow.util.Json;

import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cleanup hook: deletes a stage's task outputs (its {@code out/} directories) once every stage
 * that consumes them succeeded, and leaves {@code stages/<stage>/cleanup.json} saying so. Results
 * stay, so the tasks remain DONE, trusted by digest. Runs in the local head or as a batch job.
 */
public final class Cleanup {
    private Cleanup() {}

    public static boolean done(RunDir run, String stage) {
        return Files.exists(marker(run, stage));
    }

    /** Whether any task of the stage still has outputs to delete. */
    public static boolean due(RunDir run, String stage, int tasks) {
        for (int i = 0; i < tasks; i++) {
            if (Files.exists(run.outDir(stage, i))) return true;
        }
        return false;
    }

    /**
     * Deletes the outputs if every task of every consumer is DONE.
     *
     * @param consumers stage name → task count of each stage consuming {@code stage}
     * @return bytes freed
     * @throws IllegalStateException naming a consumer task that is not DONE
     */
    public static long run(RunDir run, String stage, int tasks, Map<String, Integer> consumers) {
        for (var consumer : consumers.entrySet()) {
            for (int i = 0; i < consumer.getValue(); i++) {
                if (!TaskResult.succeededAt(run.resultJson(consumer.getKey(), i))) throw new IllegalStateException("not cleaning " + stage + ": " + consumer.getKey() + "[" + i + "] is not DONE");
            }
        }
        long freed = 0;
        for (int i = 0; i < tasks; i++) freed += SafeDelete.deleteInside(run.root(), run.outDir(stage, i));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("time", Instant.now().toString());
        json.put("tasks", tasks);
        json.put("bytes", freed);
        json.put("consumers", List.copyOf(consumers.keySet()));
        AtomicFiles.write(marker(run, stage), Json.pretty(json));
        return freed;
    }

    private static java.nio.file.Path marker(RunDir run, String stage) {
        return run.stageDir(stage).resolve("cleanup.json");
    }
}
