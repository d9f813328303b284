package flow.exec;

import flow.run.RunDir;
import flow.run.SafeDelete;
import flow.run.TaskResult;
import flow.util.AtomicFiles;
import flow.util.IndexRanges;
import flow.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A cleanup hook: deletes a stage's task outputs (its {@code out/} directories) once every stage
 * that consumes them succeeded. {@code stages/<stage>/cleanup.json} names the tasks it cleans and
 * is written <em>before</em> anything is deleted (then again, complete, after), so a crash in
 * between leaves outputs known as cleaned, never as lost. Results stay, so the tasks remain
 * DONE, trusted by digest. A stage that publishes is published first. Runs in the local head or
 * as a batch job.
 */
public final class Cleanup {
    private Cleanup() {}

    public static boolean done(RunDir run, String stage) {
        return Files.exists(marker(run, stage));
    }

    /** The tasks whose outputs a cleanup deleted (or began to): their absence is no loss. */
    public static Set<Integer> cleanedTasks(RunDir run, String stage) {
        Path marker = marker(run, stage);
        if (!Files.exists(marker)) return Set.of();
        try {
            return new java.util.HashSet<>(IndexRanges.parse(String.valueOf(Json.readObject(marker).get("tasks"))));
        } catch (RuntimeException unreadable) {
            return Set.of();
        }
    }

    /** Whether any of the tasks still has outputs to delete. */
    public static boolean due(RunDir run, String stage, List<Integer> tasks) {
        for (int i : tasks) {
            if (Files.exists(run.outDir(stage, i))) return true;
        }
        return false;
    }

    /**
     * Deletes the tasks' outputs if every task of every consumer is DONE.
     *
     * @param def       the stage, as it publishes (with the closure naming its targets, if one does)
     * @param tasks     the stage's tasks (removed ones are not cleaned: flow never deletes them)
     * @param consumers stage name → the tasks of each stage consuming the stage
     * @return bytes freed
     * @throws IllegalStateException naming a consumer task that is not DONE
     */
    public static long run(RunDir run, flow.plan.StageDefinition def, List<Integer> tasks, Map<String, List<Integer>> consumers,
                           Publisher publisher) {
        String stage = def.name();
        for (var consumer : consumers.entrySet()) {
            for (int i : consumer.getValue()) {
                if (!TaskResult.succeededAt(run.resultJson(consumer.getKey(), i))) throw new IllegalStateException("not cleaning " + stage + ": " + consumer.getKey() + "[" + i + "] is not DONE");
            }
        }
        publishFirst(run, def, tasks, publisher);
        mark(run, stage, tasks, consumers, "deleting", 0);
        long freed = 0;
        for (int i : tasks) freed += SafeDelete.deleteInside(run.root(), run.outDir(stage, i));
        mark(run, stage, tasks, consumers, "done", freed);
        return freed;
    }

    /** A stage that publishes is published before its outputs go: an output that cannot be stops the cleanup. */
    private static void publishFirst(RunDir run, flow.plan.StageDefinition def, List<Integer> tasks, Publisher publisher) {
        String stage = def.name();
        if (def.publish() == null) return;
        try {
            int failed = publisher.publish(def, flow.run.TasksFile.read(run.tasksTsv(stage), tasks));
            if (failed > 0) throw new IllegalStateException("not cleaning " + stage + ": " + failed + " of its outputs are not published yet");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("not cleaning " + stage + ": interrupted while publishing it");
        }
    }

    private static void mark(RunDir run, String stage, List<Integer> tasks, Map<String, List<Integer>> consumers, String state, long freed) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("state", state);
        json.put("time", Instant.now().toString());
        json.put("tasks", IndexRanges.format(tasks));
        json.put("bytes", freed);
        json.put("consumers", List.copyOf(consumers.keySet()));
        AtomicFiles.write(marker(run, stage), Json.pretty(json));
    }

    private static Path marker(RunDir run, String stage) {
        return run.stageDir(stage).resolve("cleanup.json");
    }
}
