package flow.exec.grid;

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
 * cleanup job. The head writes them before submitting.
 */
final class JobScripts {
    private final GridScheduler scheduler;
    private final RunDir run;

    JobScripts(GridScheduler scheduler, RunDir run) {
        this.scheduler = scheduler;
        this.run = run;
    }

    /** The tasks as the scheduler numbers them: chunk offset → array indices in that chunk. */
    Map<Integer, List<Integer>> chunks(List<Integer> tasks) {
        int max = scheduler.maxArraySize();
        Map<Integer, List<Integer>> chunks = new TreeMap<>();
        for (int i : tasks) chunks.computeIfAbsent((i / max) * max, k -> new ArrayList<>()).add(i - (i / max) * max);
        return chunks;
    }

    Path stagePath(String stage, int offset) {
        return run.scriptsDir(stage).resolve(scheduler.scriptName(stage, offset));
    }

    String stageScript(StageDefinition def, int offset) {
        return scheduler.renderScript(run.name(), def, scheduler.taskCommand(run, def) + " " + scheduler.taskIndex(offset));
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
                List.of(), List.of(), target.retry(), null, new Resources(small), List.of(), 1, Map.of());
    }

    /** A cleanup job's script lives with the stage it cleans. */
    Path cleanupPath(String target) {
        return run.scriptsDir(target).resolve(scheduler.scriptName(GridHead.cleanupName(target), 0));
    }

    String cleanupScript(StageDefinition job, String target) {
        return scheduler.renderScript(run.name(), job, TaskCommandLine.quoted("cleanup", run.root().toString(), target));
    }
}
