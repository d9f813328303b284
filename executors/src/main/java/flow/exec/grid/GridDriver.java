package flow.exec.grid;

import flow.exec.HeadSession;
import flow.exec.Launch;
import flow.exec.Progress;
import flow.exec.StageCounts;
import flow.plan.Plan;
import flow.run.Ledger;
import flow.run.LedgerEvent;
import flow.run.RunDir;
import flow.run.TaskKey;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs or resumes a run on a batch scheduler: under the run's lock, submit (re-attaching to
 * jobs still pending or running), then follow to the end with retries, or detach at once.
 */
public final class GridDriver {
    private final GridScheduler scheduler;

    public GridDriver(GridScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** When each task's result.json was last written (0 if it has none), to see which finished since. */
    private static Map<TaskKey, Long> resultTimes(RunDir run, Map<String, List<Integer>> tasks) {
        Map<TaskKey, Long> times = new java.util.HashMap<>();
        tasks.forEach((stage, indices) -> indices.forEach(i -> times.put(new TaskKey(stage, i),
                flow.run.TaskResult.succeededAt(run.resultJson(stage, i)) ? run.resultJson(stage, i).toFile().lastModified() : 0L)));
        return times;
    }

    /**
     * Runs or resumes the launch (a resume re-attaches to live jobs and rewrites the plan files).
     *
     * @return 0 when every task is DONE (or, detached, when everything was submitted), else 1
     */
    public int drive(Launch launch) throws InterruptedException {
        PrintStream out = launch.out();
        RunDir run = launch.run();
        Plan plan = launch.plan();
        LedgerEvent event = launch.event();
        Map<String, List<Integer>> toRun = launch.toRun();
        Progress progress = launch.progress();
        try (HeadSession session = HeadSession.open(launch)) {
            Ledger ledger = session.ledger();
            String previousPlan = GridLedger.lastPlanHash(Ledger.read(run.ledger()));
            GridHead head = new GridHead(scheduler, run, plan, ledger, out);
            if (event == LedgerEvent.RESUME) {
                head.recoverUnrecorded();
                head.settleEnded();
            }
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
            Set<TaskKey> skipped = new java.util.HashSet<>(attached);
            skipped.addAll(finishedMeanwhile);
            Map<String, List<Integer>> submit = GridHead.without(toRun, skipped);
            session.start(Map.of("executor", launch.record().executor(), "planHash", launch.record().planHash(),
                    "reattached", attached.size(), "tasks", submit.values().stream().mapToInt(List::size).sum()));
            if (!attached.isEmpty()) out.println("re-attached to " + attached.size() + " tasks still in the scheduler (jobs " + live.values() + ")");

            boolean rescued = false;
            if (event == LedgerEvent.RESUME && live.isEmpty()) {
                try {
                    rescued = head.resubmitLast(submit, previousPlan, launch.record().planHash());
                } catch (GridScheduler.SubmitException e) {
                    throw new IllegalStateException("the scheduler refused to resume: " + e.getMessage());
                }
            }
            if (!rescued) {
                List<SubmittedArray> arrays = head.submit(submit, live);
                arrays.forEach(a -> out.println("submitted " + a.stage() + " tasks " + flow.util.IndexRanges.format(a.tasks()) + " as job " + a.jobId()));
            }
            launch.whenSubmitted().run();
            if (launch.options().detach()) {
                out.println("run " + run.name() + ": submitted; follow it with 'flow status " + run.name() + "'");
                return 0;
            }
            Map<String, StageCounts> counts = head.follow(progress);
            for (Map<String, List<Integer>> retry; !(retry = new RetryRound(run, plan, ledger).next()).isEmpty(); ) {
                progress.message("retrying " + retry);
                head.submit(retry, head.liveJobs());
                counts = head.follow(progress);
            }
            session.end(counts.values().stream().allMatch(StageCounts::complete), Map.of("commands", scheduler.commands().counts()));
            out.println("scheduler commands: " + scheduler.commands().counts());
            return session.report().outcome(counts.values());
        }
    }
}
