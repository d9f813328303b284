package flow.exec.grid;

import flow.exec.Progress;
import flow.exec.StageCounts;
import flow.plan.Plan;
import flow.run.Ledger;
import flow.run.LedgerEvent;
import flow.run.RunDir;
import flow.run.RunLock;
import flow.run.RunRecord;
import flow.run.Runs;
import flow.run.TaskKey;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs or resumes a run on a batch scheduler: under the run's lock, submit (re-attaching to
 * jobs still pending or running), then follow to the end with retries, or detach at once.
 */
public final class GridDriver {
    private final GridScheduler scheduler;
    private final PrintStream out;
    private Runnable whenSubmitted = () -> {};

    public GridDriver(GridScheduler scheduler, PrintStream out) {
        this.scheduler = scheduler;
        this.out = out;
    }

    /** Something to do once the run's jobs are with the scheduler, before following them (flow submit's metadata). */
    public GridDriver whenSubmitted(Runnable action) {
        this.whenSubmitted = action;
        return this;
    }

    /**
     * @param event  RUN or RESUME (a resume re-attaches and rewrites the plan files)
     * @param toRun  per stage, the tasks that are not DONE
     * @return 0 when every task is DONE (or, detached, when everything was submitted), else 1
     */
    /** When each task's result.json was last written (0 if it has none), to see which finished since. */
    private static Map<TaskKey, Long> resultTimes(RunDir run, Map<String, List<Integer>> tasks) {
        Map<TaskKey, Long> times = new java.util.HashMap<>();
        tasks.forEach((stage, indices) -> indices.forEach(i -> times.put(new TaskKey(stage, i),
                flow.run.TaskResult.succeededAt(run.resultJson(stage, i)) ? run.resultJson(stage, i).toFile().lastModified() : 0L)));
        return times;
    }

    public int drive(RunDir run, RunRecord record, Plan plan, LedgerEvent event, Map<String, List<Integer>> toRun,
                     boolean detach, Progress progress) throws InterruptedException {
        flow.exec.RunReport report = new flow.exec.RunReport(out, run);
        try (RunLock lock = report.lock();
             Ledger ledger = Ledger.open(run.ledger())) {
            String previousPlan = GridLedger.lastPlanHash(Ledger.read(run.ledger()));
            if (event == LedgerEvent.RESUME) Runs.writePlan(run, record, plan);
            GridHead head = new GridHead(scheduler, run, plan, ledger, out);
            Map<String, List<String>> live = event == LedgerEvent.RESUME ? head.liveJobs() : Map.of();
            Set<TaskKey> finishedMeanwhile = new java.util.HashSet<>();
            if (!live.isEmpty() && !scheduler.chainsToEarlierSubmissions()) {
                // new work cannot wait on the running submission: see it to its end first
                out.println("following the jobs still in the scheduler before submitting the rest: " + live.values());
                Map<TaskKey, Long> before = resultTimes(run, toRun);
                head.follow(progress);
                resultTimes(run, toRun).forEach((key, time) -> {
                    if (!time.equals(before.get(key))) finishedMeanwhile.add(key);
                });
                live = Map.of();
            }
            Set<TaskKey> attached = head.liveTasks(live);
            Map<String, List<Integer>> submit = new LinkedHashMap<>();
            toRun.forEach((stage, tasks) -> submit.put(stage, tasks.stream()
                    .filter(i -> !attached.contains(new TaskKey(stage, i)) && !finishedMeanwhile.contains(new TaskKey(stage, i)))
                    .toList()));
            ledger.append(event, Map.of("executor", record.executor(), "planHash", record.planHash(),
                    "reattached", attached.size(), "tasks", submit.values().stream().mapToInt(List::size).sum()));
            if (!attached.isEmpty()) out.println("re-attached to " + attached.size() + " tasks still in the scheduler (jobs " + live.values() + ")");

            boolean rescued = false;
            if (event == LedgerEvent.RESUME && live.isEmpty()) {
                try {
                    rescued = head.resubmitLast(submit, previousPlan, record.planHash());
                } catch (GridScheduler.SubmitException e) {
                    throw new IllegalStateException("the scheduler refused to resume: " + e.getMessage());
                }
            }
            if (!rescued) {
                List<SubmittedArray> arrays = head.submit(submit, live);
                arrays.forEach(a -> out.println("submitted " + a.stage() + " tasks " + flow.util.IndexRanges.format(a.tasks()) + " as job " + a.jobId()));
            }
            whenSubmitted.run();
            if (detach) {
                out.println("run " + run.name() + ": submitted; follow it with 'flow status " + run.name() + "'");
                return 0;
            }
            Map<String, StageCounts> counts = head.follow(progress);
            for (Map<String, List<Integer>> retry; !(retry = new RetryRound(run, plan, ledger).next()).isEmpty(); ) {
                out.println("retrying " + retry);
                head.submit(retry, head.liveJobs());
                counts = head.follow(progress);
            }
            boolean done = counts.values().stream().allMatch(StageCounts::complete);
            ledger.append(LedgerEvent.END, Map.of("status", done ? "done" : "failed", "commands", scheduler.commands().counts()));
            out.println("scheduler commands: " + scheduler.commands().counts());
            return report.outcome(counts.values());
        }
    }
}
