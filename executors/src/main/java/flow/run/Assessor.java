package flow.run;

import flow.model.FailureClass;

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
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;

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
    /** Leave failed what its stage would not retry and did not change (a watch tick), and what waits on it. */
    private final boolean holdFailures;
    /** Index again the DONE results the index had no line for (a real resume; a dry run writes nothing). */
    private final boolean renewIndex;
    private final Map<String, ResultIndex> indexes = new java.util.concurrent.ConcurrentHashMap<>();

    public Assessor(RunDir run, Path launchDir) {
        this(run, launchDir, false, false);
    }

    public Assessor(RunDir run, Path launchDir, boolean holdFailures, boolean renewIndex) {
        this.run = run;
        this.launchDir = launchDir;
        this.holdFailures = holdFailures;
        this.renewIndex = renewIndex;
        Ledger.forEach(run.ledger(), Set.of(LedgerEvent.TASK_END), r -> {
            Object failure = r.get("failure");
            if (failure == null) recordedFailures.remove(r.task());
            else recordedFailures.put(r.task(), String.valueOf(failure));
        });
    }

    /** Loads the result indexes of these stages now (each looks at its tasks' result.json and out/ directory): a resume does so while its .flow file compiles. */
    public Assessor preloading(Collection<String> stages) {
        stages.forEach(this::index);
        return this;
    }

    private ResultIndex index(String stage) {
        return indexes.computeIfAbsent(stage, s -> ResultIndex.load(run, s));
    }

    /** Verdicts per stage, in plan order; each list in task index order (removed tasks included). */
    public Map<String, List<Verdict>> assess(Plan plan) {
        Map<String, List<Verdict>> verdicts = new LinkedHashMap<>();
        for (PlannedStage stage : plan.stages()) {
            Set<Integer> cleaned = Cleanup.cleanedTasks(run, stage.name());
            ResultIndex index = index(stage.name());
            // tasks of one stage are judged independently (each reads its own result.json): in parallel
            Verdict[] judged = new Verdict[stage.tasks().size()];
            IntStream.range(0, judged.length).parallel().forEach(i -> {
                PlannedTask task = stage.tasks().get(i);
                judged[i] = task.removed() ? Verdict.removed(stage.name(), task.index(), "removed: " + removal(task))
                        : judge(stage.definition(), task, verdicts, cleaned, index);
            });
            verdicts.put(stage.name(), new ArrayList<>(Arrays.asList(judged)));
            index.flushRenewed();
        }
        regenerateCleanedInputs(plan, verdicts);
        return verdicts;
    }

    private Verdict judge(StageDefinition def, PlannedTask task, Map<String, List<Verdict>> upstreamVerdicts, Set<Integer> cleaned,
                          ResultIndex index) {
        String stage = def.name();
        if (holdFailures) {
            for (UpstreamRef ref : task.upstream()) {
                for (int i = ref.from(); i < ref.to(); i++) {
                    Verdict up = upstreamVerdicts.get(ref.stage()).get(i);
                    if (up.held()) return Verdict.held(stage, task.index(), FailureClass.DEPENDENCY_NEVER_SATISFIED.key(), "reads " + up.label() + ", left failed");
                }
            }
        }
        ResultIndex.Entry done = index.entry(task.index(), task.id()).orElse(null);
        TaskChange change = TaskChange.NONE;
        TaskResult result = null;
        if (done == null) {
            try {
                result = TaskResult.read(run.resultJson(stage, task.index())).orElse(null);
            } catch (IllegalArgumentException corrupt) {
                return Verdict.rerun(stage, task.index(), "result.json unreadable");
            }
            if (result == null) {
                String failure = recordedFailures.get(new TaskKey(stage, task.index()));
                String reason = failure != null ? FailureClass.state(failure) : run.hasTemporaryOutput(stage, task.index()) ? "interrupted" : "missing";
                return Verdict.rerun(stage, task.index(), reason);
            }
            if (!result.succeeded()) {
                if (holdFailures && result.id().equals(task.id()) && !def.retry().on().contains(classOf(result))) {
                    return Verdict.held(stage, task.index(), result.failureLabel(), "not a class the stage retries, and nothing changed");
                }
                return Verdict.rerun(stage, task.index(), FailureClass.state(result.failureLabel()));
            }
            if (!result.id().equals(task.id())) change = TaskChange.between(def, task, result, launchDir, digests);
            if (change.reason() != null) return Verdict.rerun(stage, task.index(), change.reason());
            done = ResultIndex.Entry.of(result);
        }
        for (TaskResult.UpstreamUse use : done.upstream()) {
            Verdict up = upstreamVerdicts.get(use.stage()).get(use.index());
            if (up.changes()) return Verdict.rerun(stage, task.index(), "upstream " + up.label() + " runs again");
            if (up.outputsDigest() == null || !up.outputsDigest().equals(use.outputsDigest())) {
                return Verdict.rerun(stage, task.index(), "upstream changed: " + up.label());
            }
        }
        if (!cleaned.contains(task.index()) && !done.outputsInPlace()) {
            Path out = run.outDir(stage, task.index());
            // a task without outputs still has its out/ directory, which an attempt removes first
            if (done.outputs().isEmpty() && !Files.isDirectory(out)) return Verdict.rerun(stage, task.index(), "interrupted");
            for (String o : done.outputs()) {
                // an output moved away by publishing is trusted by its recorded digest, as a cleaned one
                if (!Files.exists(out.resolve(o)) && !Publications.moved(run, stage, task.index())) {
                    return Verdict.rerun(stage, task.index(), "output lost: " + o);
                }
            }
        }
        if (change.touched().isEmpty()) {
            if (result != null && renewIndex) index.renew(result);
            return Verdict.done(stage, task.index(), done.outputsDigest());
        }
        return Verdict.restamped(stage, task.index(), "touched, same content: " + shown(change.touched().get(0)), done.outputsDigest(),
                result.restamped(task.id(), change.restampedInputs()));
    }

    private static FailureClass classOf(TaskResult failed) {
        return failed.failure() != null ? failed.failure() : FailureClass.STEP_ERROR;
    }

    /** Why a task is no longer planned: its input is gone, its upstream task or its scan point is. */
    private String removal(PlannedTask task) {
        Object dataset = task.scan().get(flow.model.Dataset.NAME);
        if (dataset != null) return "dataset " + dataset + " no longer discovered";
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
            List<Verdict> stageVerdicts = verdicts.get(stage.name());
            for (PlannedTask task : stage.tasks()) {
                Verdict v = stageVerdicts.get(task.index());
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

    /** Whether a DONE task's outputs are all there (its result is read again: verdicts keep only its digest). */
    private boolean outputsPresent(Verdict v) {
        Path out = run.outDir(v.stage(), v.index());
        return TaskResult.read(run.resultJson(v.stage(), v.index()))
                .map(r -> r.outputs().stream().allMatch(o -> Files.exists(out.resolve(o.path())))).orElse(false);
    }

    private String shown(String path) {
        return TaskChange.shown(launchDir, path);
    }
}
