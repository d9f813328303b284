package flow.exec.grid;

import flow.model.FailureClass;
import flow.plan.Plan;
import flow.plan.PlannedStage;
import flow.run.Ledger;
import flow.run.LedgerEvent;
import flow.run.LedgerRecord;
import flow.run.RunDir;
import flow.run.TaskKey;
import flow.run.TaskResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Chooses what a run's next retry round resubmits, from the failures the ledger recorded. */
public final class RetryRound {
    private final RunDir run;
    private final Plan plan;
    private final Ledger ledger;

    public RetryRound(RunDir run, Plan plan, Ledger ledger) {
        this.run = run;
        this.plan = plan;
        this.ledger = ledger;
    }

    /**
     * Failed tasks the retry policy allows to run again, and the tasks downstream of them that
     * the scheduler cancelled: what the next round submits. Empty when nothing may be retried.
     */
    public Map<String, List<Integer>> next() {
        Map<TaskKey, Integer> failures = new HashMap<>();
        Map<TaskKey, FailureClass> last = new HashMap<>();
        for (LedgerRecord r : Ledger.read(run.ledger())) {
            if (!r.is(LedgerEvent.TASK_END)) continue;
            FailureClass f = r.failure().orElse(null);
            last.put(r.task(), f);
            if (f != null) failures.merge(r.task(), 1, Integer::sum);
        }
        Map<String, List<Integer>> toRun = new LinkedHashMap<>();
        boolean anyRetry = false;
        for (PlannedStage stage : plan.stages()) {
            for (var task : stage.liveTasks()) {
                int i = task.index();
                TaskKey key = new TaskKey(stage.name(), i);
                FailureClass f = last.get(key);
                if (f == null) continue;
                boolean retry = stage.definition().retry().allows(f, failures.getOrDefault(key, 1) - 1);
                // cancelled because an upstream task failed: worth running once every input will be there
                boolean recoverable = (f == FailureClass.DEPENDENCY_NEVER_SATISFIED || f == FailureClass.CANCELLED)
                        && consumed(stage, i).stream().allMatch(u -> isDone(u) || toRun.getOrDefault(u.stage(), List.of()).contains(u.index()));
                if (retry || recoverable) toRun.computeIfAbsent(stage.name(), s -> new ArrayList<>()).add(i);
                anyRetry |= retry;
            }
        }
        if (!anyRetry) return Map.of();
        toRun.forEach((stage, tasks) -> ledger.append(LedgerEvent.RETRY, Map.of("stage", stage, "tasks", flow.util.IndexRanges.format(tasks))));
        return toRun;
    }

    /** The upstream tasks a task needs: those whose outputs it reads, or every task of a stage it depends on. */
    private List<TaskKey> consumed(PlannedStage stage, int index) {
        List<TaskKey> refs = new ArrayList<>();
        var task = stage.tasks().get(index);
        task.upstream().forEach(r -> { for (int i = r.from(); i < r.to(); i++) refs.add(new TaskKey(r.stage(), i)); });
        for (String dep : stage.definition().dependsOn()) {
            if (task.upstream().stream().anyMatch(r -> r.stage().equals(dep))) continue;
            plan.stage(dep).liveTasks().forEach(t -> refs.add(new TaskKey(dep, t.index())));
        }
        return refs;
    }

    private boolean isDone(TaskKey ref) {
        return TaskResult.succeededAt(run.resultJson(ref.stage(), ref.index()));
    }
}
