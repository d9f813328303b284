package flow.exec.grid;

import flow.model.FailureClass;
import flow.run.Ledger;
import flow.run.RunDir;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the ledger says of a run on a batch scheduler: where each task was last submitted and
 * whether that placement has settled, the plan hash of the last run or resume, and the failures
 * that ask for more memory or time. Read by the head, status and cancel alike.
 */
public final class GridLedger {
    private GridLedger() {}

    /** A task in the scheduler: which array runs it now. */
    public record Placement(SubmittedArray array, int task) {}

    /** The latest placement of each task (and cleanup) that has no task-end after its submission. */
    public static Map<String, Placement> unsettledPlacements(RunDir run) {
        Map<String, Placement> placements = new LinkedHashMap<>();
        for (Map<String, Object> r : Ledger.read(run.ledger())) {
            if ("submit".equals(r.get("event"))) {
                SubmittedArray a = SubmittedArray.fromLedger(r);
                for (int t : a.tasks()) placements.put(Ledger.taskKey(a.stage(), t), new Placement(a, t));
            } else if (("task-end".equals(r.get("event")) || "cleanup-end".equals(r.get("event"))) && r.get("jobId") != null) {
                String key = Ledger.taskKeyOf(r);
                Placement p = placements.get(key);
                if (p != null && p.array().jobId().equals(r.get("jobId"))) placements.remove(key);
            }
        }
        return placements;
    }

    /** The scheduler's state of every task of the run not yet settled, as {@code stage[index]} → state. */
    public static Map<String, TaskState> unsettledStates(GridScheduler scheduler, RunDir run) {
        Map<String, Placement> unsettled = unsettledPlacements(run);
        Set<String> ids = new LinkedHashSet<>();
        unsettled.values().forEach(p -> ids.add(p.array().jobId()));
        Map<String, TaskState> byJobTask = new HashMap<>();
        for (TaskState s : scheduler.query(ids)) byJobTask.put(s.jobId() + "_" + s.arrayIndex(), s);
        Map<String, TaskState> states = new LinkedHashMap<>();
        unsettled.forEach((key, p) -> {
            TaskState s = byJobTask.get(p.array().jobId() + "_" + (p.task() - p.array().offset()));
            if (s != null) states.put(key, s);
        });
        return states;
    }

    /** Every job id the run submitted that has unsettled tasks. */
    public static Set<String> unsettledJobs(RunDir run) {
        Set<String> ids = new LinkedHashSet<>();
        unsettledPlacements(run).values().forEach(p -> ids.add(p.array().jobId()));
        return ids;
    }

    /** The plan hash of the latest run or resume record in the ledger ("" if none). */
    public static String lastPlanHash(RunDir run) {
        return Ledger.read(run.ledger()).stream().filter(r -> "run".equals(r.get("event")) || "resume".equals(r.get("event")))
                .map(r -> String.valueOf(r.get("planHash"))).reduce((a, b) -> b).orElse("");
    }

    /** The highest submission round the records show (0 before any submission). */
    public static int lastAttempt(List<Map<String, Object>> records) {
        return records.stream().filter(r -> "submit".equals(r.get("event")))
                .mapToInt(r -> ((Number) r.get("attempt")).intValue()).max().orElse(0);
    }

    /** Per task, 2^(failures of this class): the factor for memory or time on resubmission. */
    public static Map<String, Integer> failureFactors(RunDir run, FailureClass kind) {
        Map<String, Integer> factors = new HashMap<>();
        for (Map<String, Object> r : Ledger.read(run.ledger())) {
            if ("task-end".equals(r.get("event")) && kind.key().equals(r.get("failure"))) {
                factors.merge(Ledger.taskKeyOf(r), 2, (a, b) -> a * b);
            }
        }
        return factors;
    }
}
