package flow.exec;

import flow.plan.Plan;
import flow.run.Ledger;
import flow.run.LedgerEvent;
import flow.run.RunDir;
import flow.run.RunLock;
import flow.run.RunRecord;
import flow.run.Runs;
import flow.run.TaskRunner;
import flow.step.StepRegistry;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The head process of a local run: holds the run's lock, writes the ledger, drives the executor,
 * and reports. {@code kill -9} at any moment leaves a run that {@code flow resume} completes;
 * SIGTERM ({@code flow cancel}) ends running tasks and records the cancellation.
 */
public final class Head {
    private final PrintStream out;
    private final StepRegistry steps;

    public Head(PrintStream out, StepRegistry steps) {
        this.out = out;
        this.steps = steps;
    }

    /**
     * @param event  RUN or RESUME, for the ledger; a resume rewrites run.json and tasks.tsv
     *               for the new plan once it holds the lock
     * @param toRun  per stage, the task indices to run
     * @return the exit code: 0 when every task is DONE, 1 otherwise
     */
    public int drive(RunDir run, RunRecord record, Plan plan, LedgerEvent event, Map<String, List<Integer>> toRun,
                     LocalScheduler.Options options, Progress progress) throws InterruptedException {
        // the cancel hook waits for this, so the ledger and the lock are settled before the JVM exits
        CountDownLatch settled = new CountDownLatch(1);
        RunReport report = new RunReport(out, run);
        try (RunLock lock = report.lock();
             Ledger ledger = Ledger.open(run.ledger())) {
            if (event == LedgerEvent.RESUME) Runs.writePlan(run, record, plan);
            int queued = toRun.values().stream().mapToInt(List::size).sum();
            ledger.append(event, Map.of("executor", "local", "tasks", queued, "planHash", record.planHash(),
                    "maxParallel", options.maxParallel()));
            LocalScheduler executor = new LocalScheduler(run, plan, new TaskRunner(run, record, steps), ledger, options, progress);
            Thread onSignal = new Thread(() -> {
                executor.cancel();
                awaitQuietly(settled);
            }, "flow-cancel");
            Runtime.getRuntime().addShutdownHook(onSignal);
            LocalScheduler.Outcome outcome = executor.execute(toRun);
            if (outcome.cancelled()) {
                ledger.append(LedgerEvent.CANCELLED, Map.of());
                out.println("run " + run.name() + ": cancelled");
                return 1;
            }
            Runtime.getRuntime().removeShutdownHook(onSignal);
            ledger.append(LedgerEvent.END, Map.of("status", outcome.succeeded() ? "done" : "failed"));
            outcome.skippedCleanups().forEach(out::println);
            return report.outcome(outcome.stages());
        } finally {
            settled.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
