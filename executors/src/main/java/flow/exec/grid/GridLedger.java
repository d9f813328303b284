package flow.exec.grid;

import flow.model.FailureClass;
import flow.run.Ledger;
import flow.run.LedgerEvent;
import flow.run.LedgerRecord;
import flow.run.RunDir;
import flow.run.TaskKey;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the ledger says of a run on a batch scheduler: where each task was last submitted and
 * whether that placement has settled, the plan hash of the last run or resume, and the failures
 * that ask for more memory or time. Read by the head, status and cancel alike; each takes the
 * records read once.
 */
public final class GridLedger {
    private GridLedger() {}

    /** A task in the scheduler: which array runs it now, at which of its indices, submitted when. */
    public record Placement(SubmittedArray array, int task, int arrayIndex, String submitted) {
        /** The scheduler's name of the task: its array's job id and its index in that array (a batch's, for a batched task). */
        public ArrayTaskId arrayTask() {
            return new ArrayTaskId(array.jobId(), arrayIndex);
        }
    }

    /** The latest placement of each task (and cleanup) that has no task-end after its submission. */
    public static Map<TaskKey, Placement> unsettledPlacements(List<LedgerRecord> records) {
        Map<TaskKey, Placement> placements = new LinkedHashMap<>();
        for (LedgerRecord r : records) {
            if (r.is(LedgerEvent.SUBMIT)) {
                SubmittedArray a = SubmittedArray.fromLedger(r);
                Map<Integer, Integer> indices = a.arrayIndices();
                for (int t : a.tasks()) placements.put(new TaskKey(a.stage(), t), new Placement(a, t, indices.get(t), (String) r.get("time")));
            } else if ((r.is(LedgerEvent.TASK_END) || r.is(LedgerEvent.CLEANUP_END)) && r.jobId() != null) {
                Placement p = placements.get(r.task());
                if (p != null && p.array().jobId().equals(r.jobId())) placements.remove(r.task());
            }
        }
        return placements;
    }

    /** The scheduler's state of every task of the run not yet settled. */
    public static Map<TaskKey, TaskState> unsettledStates(GridScheduler scheduler, RunDir run) {
        Map<TaskKey, Placement> unsettled = unsettledPlacements(Ledger.read(run.ledger()));
        Set<String> ids = new LinkedHashSet<>();
        unsettled.values().forEach(p -> ids.add(p.array().jobId()));
        Map<ArrayTaskId, TaskState> byArrayTask = new HashMap<>();
        for (TaskState s : scheduler.query(ids)) byArrayTask.put(s.arrayTask(), s);
        Map<TaskKey, TaskState> states = new LinkedHashMap<>();
        unsettled.forEach((key, p) -> Optional.ofNullable(byArrayTask.get(p.arrayTask())).ifPresent(s -> states.put(key, s)));
        return states;
    }

    /** The plan hash of the latest run or resume record ("" if none). */
    public static String lastPlanHash(List<LedgerRecord> records) {
        return records.stream().filter(r -> r.is(LedgerEvent.RUN) || r.is(LedgerEvent.RESUME))
                .map(r -> String.valueOf(r.get("planHash"))).reduce((a, b) -> b).orElse("");
    }

    /** The highest submission round the records show (0 before any submission). */
    public static int lastAttempt(List<LedgerRecord> records) {
        return records.stream().filter(r -> r.is(LedgerEvent.SUBMIT)).mapToInt(LedgerRecord::attempt).max().orElse(0);
    }

    /** Per task, 2^(failures of this class): the factor for memory or time on resubmission. */
    public static Map<TaskKey, Integer> failureFactors(List<LedgerRecord> records, FailureClass kind) {
        Map<TaskKey, Integer> factors = new HashMap<>();
        for (LedgerRecord r : records) {
            if (r.is(LedgerEvent.TASK_END) && r.failure().equals(Optional.of(kind))) factors.merge(r.task(), 2, (a, b) -> a * b);
        }
        return factors;
    }
}
