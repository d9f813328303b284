package flow.run;

import flow.plan.InputFile;
import flow.plan.Plan;
import flow.plan.PlannedStage;
import flow.plan.PlannedTask;
import flow.plan.UpstreamRef;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

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

    /** Verdicts per stage, in plan order; each list in task index order. */
    public Map<String, List<Verdict>> assess(Plan plan) {
        Map<String, List<Verdict>> verdicts = new LinkedHashMap<>();
        for (PlannedStage stage : plan.stages()) {
            List<Verdict> list = new ArrayList<>(stage.tasks().size());
            for (PlannedTask task : stage.tasks()) list.add(judge(stage.name(), task, verdicts));
            verdicts.put(stage.name(), list);
        }
        regenerateCleanedInputs(plan, verdicts);
        return verdicts;
    }

    private Verdict judge(String stage, PlannedTask task, Map<String, List<Verdict>> upstreamVerdicts) {
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
        if (!result.id().equals(task.id())) return Verdict.rerun(stage, task.index(), explainChange(task, result), result);
        for (TaskResult.UpstreamUse use : result.upstream()) {
            Verdict up = upstreamVerdicts.get(use.stage()).get(use.index());
            if (up.changes()) return Verdict.rerun(stage, task.index(), "upstream " + up.label() + " runs again", result);
            if (up.result() == null || !up.result().outputsDigest().equals(use.outputsDigest())) {
                return Verdict.rerun(stage, task.index(), "upstream changed: " + up.label(), result);
            }
        }
        if (!flow.exec.Cleanup.done(run, stage)) {
            for (TaskResult.Output o : result.outputs()) {
                if (!Files.exists(run.outDir(stage, task.index()).resolve(o.path()))) {
                    return Verdict.rerun(stage, task.index(), "output missing: " + o.path(), result);
                }
            }
        }
        return Verdict.done(stage, task.index(), result);
    }

    /** Which input differs between the planned task and its recorded result. */
    private String explainChange(PlannedTask task, TaskResult result) {
        Map<String, InputFile> recorded = result.inputs().stream()
                .collect(Collectors.toMap(InputFile::path, f -> f, (a, b) -> a, LinkedHashMap::new));
        for (InputFile now : task.files()) {
            InputFile then = recorded.remove(now.path());
            if (then == null) return "input added: " + shown(now.path());
            if (!then.equals(now)) return "input changed: " + shown(now.path());
        }
        if (!recorded.isEmpty()) return "input removed: " + shown(recorded.keySet().iterator().next());
        return "step or parameters changed";
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
                if (v.done()) continue;
                for (UpstreamRef ref : task.upstream()) {
                    for (int i = ref.from(); i < ref.to(); i++) {
                        Verdict up = verdicts.get(ref.stage()).get(i);
                        if (up.done() && !outputsPresent(up)) {
                            verdicts.get(ref.stage()).set(i, new Verdict(up.stage(), i, false,
                                    "outputs cleaned, needed by " + v.label(), true, up.result()));
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
        Path p = Path.of(path);
        return p.startsWith(launchDir) ? launchDir.relativize(p).toString() : Objects.toString(path);
    }
}
