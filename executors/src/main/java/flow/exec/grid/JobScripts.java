package flow.exec.grid;

import flow.model.Batching;
import flow.model.Resources;
import flow.plan.StageDefinition;
import flow.run.RunDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The job scripts of a run on a batch scheduler, as text: one per chunk of a stage's tasks (a
 * stage larger than the scheduler numbers is split at multiples of its array size) and one per
 * cleanup job; a batched stage's jobs each run a batch of its tasks. The head writes them before
 * submitting.
 */
final class JobScripts {
    private final GridScheduler scheduler;
    private final RunDir run;

    JobScripts(GridScheduler scheduler, RunDir run) {
        this.scheduler = scheduler;
        this.run = run;
    }

    /** The indices as the scheduler numbers them: chunk offset → array indices in that chunk. */
    Map<Integer, List<Integer>> chunks(List<Integer> indices) {
        int max = scheduler.maxArraySize();
        Map<Integer, List<Integer>> chunks = new TreeMap<>();
        for (int i : indices) chunks.computeIfAbsent((i / max) * max, k -> new ArrayList<>()).add(i - (i / max) * max);
        return chunks;
    }

    /**
     * The batch jobs of {@code tasks}: runs of the batch size in index order, each known by its
     * first task, its leader (leader → its tasks). Unbatched, each task is its own leader.
     */
    static Map<Integer, List<Integer>> batches(List<Integer> tasks, Batching batching) {
        Map<Integer, List<Integer>> batches = new LinkedHashMap<>();
        List<Integer> sorted = tasks.stream().sorted().toList();
        for (int from = 0; from < sorted.size(); from += batching.size()) {
            batches.put(sorted.get(from), sorted.subList(from, Math.min(sorted.size(), from + batching.size())));
        }
        return batches;
    }

    /**
     * What a batch job asks for: the stage's resources are one task's, the job runs
     * {@code parallel} tasks at once for {@code rounds} rounds (memory per CPU follows the CPUs).
     */
    static StageDefinition batchJob(StageDefinition stage) {
        Batching batching = stage.batching();
        if (!batching.batched()) return stage;
        Resources r = stage.resources();
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("cpus", r.cpus() * batching.parallel());
        for (String key : List.of("memory", "maxMemory")) {
            r.megabytes(key).ifPresent(mb -> changes.put(key, mb * batching.parallel() + "m"));
        }
        r.minutes().ifPresent(minutes -> changes.put("time", minutes * batching.rounds() + "m"));
        return stage.withResources(r.with(changes));
    }

    Path stagePath(String stage, int offset) {
        return run.scriptsDir(stage).resolve(scheduler.scriptName(stage, offset));
    }

    /** @param batches the tasks of each array index of a batched stage's array; empty when unbatched */
    String stageScript(StageDefinition def, int offset, int attempt, List<List<Integer>> batches) {
        String command = scheduler.taskCommand(run, def);
        if (batches.isEmpty()) return scheduler.renderScript(run.name(), def, command + " " + scheduler.taskIndex(offset));
        Path file = run.scriptsDir(def.name()).resolve(def.name() + ".a" + attempt + "." + batches.get(0).get(0) + ".batches");
        String parallel = def.batching().parallel() > 1 ? " --parallel " + def.batching().parallel() : "";
        return scheduler.renderScript(run.name(), def, command + parallel + " " + scheduler.batchTasks(file, batches, offset));
    }

    /** The one-task job that deletes {@code target}'s outputs: one CPU, little memory, under the target's account. */
    static StageDefinition cleanupJob(StageDefinition target) {
        Map<String, Object> small = new LinkedHashMap<>();
        for (String key : List.of("partition", "account", "qos")) {
            if (target.resources().isSet(key)) small.put(key, target.resources().get(key));
        }
        small.put("cpus", 1);
        small.put("memory", "256m");
        small.put("time", "10m");
        return new StageDefinition(GridHead.cleanupName(target.name()), "cleanup", Map.of(), List.of(), List.of(),
                List.of(), List.of(), target.retry(), null, new Resources(small), List.of(), 1, Map.of(), flow.model.Batching.NONE, null);
    }

    /** A cleanup job's script lives with the stage it cleans. */
    Path cleanupPath(String target) {
        return run.scriptsDir(target).resolve(scheduler.scriptName(GridHead.cleanupName(target), 0));
    }

    String cleanupScript(StageDefinition job, String target) {
        return scheduler.renderScript(run.name(), job, TaskCommandLine.quoted("cleanup", run.root().toString(), target));
    }
}
