package flow.exec;

import flow.plan.Plan;
import flow.run.LedgerEvent;
import flow.run.RunDir;
import flow.run.RunLock;
import flow.run.TaskKey;
import flow.run.TaskRunner;
import flow.step.HeadWatchdog;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The default executor: the head process runs the tasks itself, on a bounded pool of this
 * machine ({@link LocalScheduler}), writing the ledger and reporting.
 */
public final class LocalExecutor implements Executor {
    @Override
    public String name() {
        return "local";
    }

    @Override
    public boolean availableHere() {
        return true;
    }

    /**
     * Runs the tasks here, holding the run's lock. {@code kill -9} at any moment leaves a run that
     * {@code flow resume} completes; SIGTERM ({@code flow cancel}) ends the running tasks and
     * records the cancellation.
     */
    @Override
    public int drive(Launch launch) throws InterruptedException {
        launch.whenSubmitted().run();
        // the cancel hook waits for this, so the ledger and the lock are settled before the JVM exits
        CountDownLatch settled = new CountDownLatch(1);
        RunDir run = launch.run();
        try (HeadSession session = HeadSession.open(launch); HeadWatchdog watchdog = HeadWatchdog.start()) {
            int queued = launch.toRun().values().stream().mapToInt(List::size).sum();
            session.start(Map.of("executor", "local", "tasks", queued, "planHash", launch.record().planHash(),
                    "maxParallel", launch.options().parallelism()));
            LocalScheduler scheduler = new LocalScheduler(run, launch.plan(), new TaskRunner(run, launch.record(), launch.steps()),
                    session.ledger(), launch.options(), launch.progress());
            Thread onSignal = new Thread(() -> {
                scheduler.cancel();
                awaitQuietly(settled);
            }, "flow-cancel");
            Runtime.getRuntime().addShutdownHook(onSignal);
            LocalScheduler.Outcome outcome = scheduler.execute(launch.toRun(), launch.leftFailed());
            if (outcome.cancelled()) {
                session.ledger().append(LedgerEvent.CANCELLED, Map.of());
                launch.out().println("run " + run.name() + ": cancelled");
                return 1;
            }
            Runtime.getRuntime().removeShutdownHook(onSignal);
            session.end(outcome.succeeded(), Map.of());
            outcome.skippedCleanups().forEach(launch.out()::println);
            return session.report().outcome(outcome.stages());
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

    /** The head runs the tasks itself: nothing is written for a scheduler. */
    @Override
    public SubmissionPreview render(RunDir run, Plan plan, Map<String, List<Integer>> toRun, LaunchOptions options) {
        return SubmissionPreview.none();
    }

    /** Signals the head (SIGTERM), which ends its tasks and records the cancellation, and waits up to 30 s for it. */
    @Override
    public int cancel(RunDir run, PrintStream out) throws InterruptedException {
        var holder = RunLock.liveHolder(run.lock());
        if (holder.isEmpty()) {
            out.println("run " + run.name() + " is not running");
            return 0;
        }
        // signal only a process proven to be that head: this host, its pid, its start time
        if (!holder.get().onThisHost()) {
            throw new IllegalStateException("the head of " + run.name() + " runs on " + holder.get().host() + ": cancel it there");
        }
        ProcessHandle head = holder.get().process().orElseThrow(() -> new IllegalStateException("the head of " + run.name()
                + " (" + holder.get().describe() + ") cannot be proven to be running: no signal sent"));
        head.destroy();
        for (int waited = 0; waited < 300 && RunLock.liveHolder(run.lock()).isPresent(); waited++) Thread.sleep(100);
        if (RunLock.liveHolder(run.lock()).isPresent()) {
            out.println("run " + run.name() + ": the head (" + holder.get().describe() + ") has not stopped yet");
            return 1;
        }
        out.println("run " + run.name() + ": cancelled");
        return 0;
    }

    /** Every attempt appends to the stage's {@code <stage>_<index>.out} and {@code .err}. */
    @Override
    public java.util.function.Function<TaskKey, List<TaskLog>> taskLogs(RunDir run) {
        return task -> List.of(new TaskLog(0, run.stdoutLog(task.stage(), task.index()), run.stderrLog(task.stage(), task.index())));
    }

    /** A local run's tasks run under its head, which must stay: --detach would be silently ignored. */
    @Override
    public void check(flow.exec.LaunchOptions options) {
        Executor.super.check(options);
        if (options.detach()) throw new IllegalArgumentException("--detach is for batch executors: a local run's tasks run under its head, which must stay");
    }

    @Override
    public StatusReport status(RunDir run) {
        return new StatusReport(run, Map.of(), taskLogs(run));
    }
}
