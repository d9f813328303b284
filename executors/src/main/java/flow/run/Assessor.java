package flow.run;

import flow.exec.Cleanup;
import flow.plan.FileDigests;
import flow.plan.InputFile;
import flow.plan.Plan;
import flow.plan.PlannedStage;
import flow.plan.PlannedTask;
import flow.plan.StageDefinition;
import flow.plan.UpstreamRef;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides, for every task of a plan, whether it is DONE or must run again, from the task's
 * {@code result.json} and its outputs: nothing else counts. Stages are judged upstream first,
 * so a task whose upstream runs again runs again too.
 */
public final class Assessor {
    private final RunDir run;
    private final Path launchDir;
    /** Failures the head recorded for tasks that left no result (killed by the scheduler). */
    private final Map<TaskKey, String> recordedFailures = new java.util.HashMap<>();
    private final FileDigests digests = FileDigests.user();

    public Assessor(RunDir run, Path launchDir) {
        this.run = run;
        this.launchDir = launchDir;
        for (LedgerRecord r : Ledger.read(run.ledger())) {
            if (!r.is(LedgerEvent.TASK_END)) continue;
            Object failure = r.get("failure");
            if (failure == null) recordedFailures.remove(r.task());
            else recordedFailures.put(r.task(), String.valueOf(failure));
        }
    }

    /** Verdicts per stage, in plan order; each list in task index order (removed tasks included). */
    public Map<String, List<Verdict>> assess(Plan plan) {
        Map<String, List<Verdict>> verdicts = new LinkedHashMap<>();
        for (PlannedStage stage : plan.stages()) {
            Set<Integer> cleaned = Cleanup.cleanedTasks(run, stage.name());
            List<Verdict> list = new ArrayList<>(stage.tasks().size());
            for (PlannedTask task : stage.tasks()) {
                list.add(task.removed() ? Verdict.removed(stage.name(), task.index(), "removed: " + removal(task), null)
                        : judge(stage.definition(), task, verdicts, cleaned));
            }
            verdicts.put(stage.name(), list);
        }
        regenerateCleanedInputs(plan, verdicts);
        return verdicts;
    }

    private Verdict judge(StageDefinition def, PlannedTask task, Map<String, List<Verdict>> upstreamVerdicts, Set<Integer> cleaned) {
        String stage = def.name();
        TaskResult result;
        try {
            result = TaskResult.read(run.resultJson(stage, task.index())).orElse(null);
        } catch (IllegalArgumentException corrupt) {
            return Verdict.rerun(stage, task.index(), "result.json unreadable", null);
        }
        if (result == null) {
            String failure = recordedFailures.get(new TaskKey(stage, task.index()));
            String reason = failure != null ? "failed: " + failure : run.hasTemporaryOutput(stage, task.index()) ? "interrupted" : "missing";
            return Verdict.rerun(stage, task.index(), reason, null);
        }
        if (!result.succeeded()) return Verdict.rerun(stage, task.index(), "failed: " + result.failureLabel(), result);
        TaskChange change = result.id().equals(task.id()) ? TaskChange.NONE : TaskChange.between(def, task, result, launchDir, digests);
        if (change.reason() != null) return Verdict.rerun(stage, task.index(), change.reason(), result);
        for (TaskResult.UpstreamUse use : result.upstream()) {
            Verdict up = upstreamVerdicts.get(use.stage()).get(use.index());
            if (up.changes()) return Verdict.rerun(stage, task.index(), "upstream " + up.label() + " runs again", result);
            if (up.result() == null || !up.result().outputsDigest().equals(use.outputsDigest())) {
                return Verdict.rerun(stage, task.index(), "upstream changed: " + up.label(), result);
            }
        }
        if (!cleaned.contains(task.index())) {
            for (TaskResult.Output o : result.outputs()) {
                if (!Files.exists(run.outDir(stage, task.index()).resolve(o.path()))) {
                    return Verdict.rerun(stage, task.index(), "output lost: " + o.path(), result);
                }
            }
        }
        if (change.touched().isEmpty()) return Verdict.done(stage, task.index(), result);
        return Verdict.restamped(stage, task.index(), "touched, same content: " + shown(change.touched().get(0)), result,
                result.restamped(task.id(), change.restampedInputs()));
    }

    /** Why a task is no longer planned: its input is gone, its upstream task or its scan point is. */
    private String removal(PlannedTask task) {
        for (InputFile f : task.files()) {
            if (!Files.exists(Path.of(f.path()))) return shown(f.path());
        }
        if (!task.files().isEmpty()) return shown(task.files().get(0).path()) + " no longer among the inputs";
        if (!task.upstream().isEmpty()) return "upstream " + task.upstream().get(0).label() + " no longer planned";
        if (!task.scan().isEmpty()) {
            StringBuilder point = new StringBuilder("scan point");
            task.scan().forEach((axis, value) -> point.append(' ').append(axis).append('=').append(value));
            return point.toString();
        }
        return "no longer planned";
    }

    /**
     * A task that runs again needs its upstream outputs; where a cleanup deleted them, the
     * upstream task runs again too (downstream first, so chains of cleaned stages resolve).
     */
    private void regenerateCleanedInputs(Plan plan, Map<String, List<Verdict>> verdicts) {
        List<PlannedStage> reversed = new ArrayList<>(plan.stages());
        java.util.Collections.reverse(reversed);
        for (PlannedStage stage : reversed) {
            for (PlannedTask task : stage.tasks()) {
                Verdict v = verdicts.get(stage.name()).get(task.index());
                if (!v.runs()) continue;
                for (UpstreamRef ref : task.upstream()) {
                    for (int i = ref.from(); i < ref.to(); i++) {
                        Verdict up = verdicts.get(ref.stage()).get(i);
                        if (up.done() && !outputsPresent(up)) {
                            verdicts.get(ref.stage()).set(i, up.regenerated("outputs cleaned, needed by " + v.label()));
                        }
                    }
                }
            }
        }
    }

    private boolean outputsPresent(Verdict v) {
        Path out = run.outDir(v.stage(), v.index());
        return v.result().outputs().stream().allMatch(o -> Files.exists(out.resolve(o.path())));
    }

    private String shown(String path) {
        return TaskChange.shown(launchDir, path);
    }
}
