package flow.exec.grid;

import flow.exec.Executor;
import flow.exec.Launch;
import flow.exec.LaunchOptions;
import flow.exec.RunReport;
import flow.exec.TaskLog;
import flow.exec.StatusReport;
import flow.exec.SubmissionPreview;
import flow.plan.Plan;
import flow.run.Ledger;
import flow.run.LedgerEvent;
import flow.run.LedgerRecord;
import flow.run.RunDir;
import flow.run.RunRecord;
import flow.run.TaskKey;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.function.Function;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An executor on a batch scheduler: the {@link GridDriver} submits and follows, the ledger says
 * which jobs are the run's. A scheduler is one small subclass naming its {@link GridScheduler}.
 */
public abstract class GridExecutor implements Executor {
    /** The scheduler, as it talks to the cluster through {@code commands} for this run, launched with these options. */
    protected abstract GridScheduler scheduler(RunDir run, LaunchOptions options, SchedulerCommands commands);

    /** The scheduler of a run that exists, with the options it was launched with. */
    private GridScheduler scheduler(RunDir run) {
        return scheduler(run, LaunchOptions.recordedIn(RunRecord.read(run.runJson())), new SchedulerCommands());
    }

    /** The command that submits to the scheduler: where it is on PATH, this machine can submit. */
    protected abstract String submitCommand();

    @Override
    public boolean availableHere() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, submitCommand()))) return true;
        }
        return false;
    }

    /** The options of a head that runs the tasks itself have no meaning where the scheduler does. */
    @Override
    public void check(LaunchOptions options) {
        Executor.super.check(options);
        refuseLocalOptions(options);
    }

    protected void refuseLocalOptions(LaunchOptions options) {
        if (options.maxParallel() != null) {
            throw new IllegalArgumentException("--max-parallel is for the local executor: on " + name() + ", limit a stage's jobs at once with its throttle");
        }
        if (options.failFast()) {
            throw new IllegalArgumentException("--fail-fast is for the local executor: on " + name()
                    + ", a failed task's dependents are never started, other branches go on; 'flow cancel' stops the run");
        }
    }

    @Override
    public int drive(Launch launch) throws InterruptedException {
        return new GridDriver(scheduler(launch.run(), launch.options(), new SchedulerCommands())).drive(launch);
    }

    /**
     * The head's own submission, done with {@link DryRunCommands}: the scheduler is asked what
     * it holds (a resume chains to live jobs as the real one would) but is given nothing, and
     * nothing is written.
     */
    @Override
    public SubmissionPreview render(RunDir run, Plan plan, Map<String, List<Integer>> toRun, LaunchOptions options) {
        DryRunCommands dry = new DryRunCommands();
        GridScheduler scheduler = scheduler(run, options, dry);
        GridHead head = new GridHead(scheduler, run, plan, Ledger.discarding(), new PrintStream(java.io.OutputStream.nullOutputStream()));
        Map<String, List<String>> live = Files.exists(run.ledger()) && scheduler.chainsToEarlierSubmissions() ? head.liveJobs() : Map.of();
        head.submit(GridHead.without(toRun, head.liveTasks(live)), live);
        return dry.preview();
    }

    /**
     * Cancels the run's jobs the scheduler may still hold. A head following the run then sees
     * them end and records it; without one (a detached run) the cancel is recorded here, under the
     * run's lock, so that status says {@code cancelled}.
     */
    @Override
    public int cancel(RunDir run, PrintStream out) {
        GridScheduler scheduler = scheduler(run);
        // the ledger of a detached run settles nothing: the scheduler says which jobs are still live
        Set<String> jobs = new java.util.TreeSet<>();
        GridLedger.unsettledStates(scheduler, run).values().stream().filter(TaskState::active).forEach(s -> jobs.add(s.jobId()));
        if (jobs.isEmpty()) {
            out.println("run " + run.name() + ": none of its jobs is in the scheduler any more; nothing to cancel");
            return 0;
        }
        scheduler.cancel(jobs);
        if (flow.run.RunLock.liveHolder(run.lock()).isEmpty()) {
            try (flow.run.RunLock ignored = new RunReport(out, run).lock(); Ledger ledger = Ledger.open(run.ledger())) {
                ledger.append(LedgerEvent.CANCELLED, Map.of("jobs", List.copyOf(jobs)));
            }
        }
        out.println("run " + run.name() + ": cancelled jobs " + String.join(" ", jobs));
        return 0;
    }

    /**
     * One pair of files per submission of the task, as the ledger records them (read once); the
     * scheduler names them, except for a batched task's, which are its own. A stage's tasks are indexed when one of them is first asked about.
     */
    @Override
    public Function<TaskKey, List<TaskLog>> taskLogs(RunDir run) {
        GridScheduler scheduler = scheduler(run);
        Map<String, List<SubmittedArray>> arrays = new HashMap<>();
        for (LedgerRecord r : Ledger.read(run.ledger())) {
            if (!r.is(LedgerEvent.SUBMIT)) continue;
            SubmittedArray array = SubmittedArray.fromLedger(r);
            if (array.cleanupOf() == null) arrays.computeIfAbsent(array.stage(), s -> new ArrayList<>()).add(array);
        }
        Map<String, Map<Integer, List<TaskLog>>> byStage = new HashMap<>();
        return task -> byStage.computeIfAbsent(task.stage(), stage -> {
            Map<Integer, List<TaskLog>> logs = new HashMap<>();
            for (SubmittedArray array : arrays.getOrDefault(stage, List.of())) {
                for (int i : array.tasks()) logs.computeIfAbsent(i, k -> new ArrayList<>()).add(array.batched()
                        // a batch job's log holds all its tasks: each wrote its own output beside its result
                        ? new TaskLog(array.attempt(), run.stdoutLog(stage, i, array.attempt()), run.stderrLog(stage, i, array.attempt()))
                        : scheduler.taskLog(run, array, i));
            }
            return logs;
        }).getOrDefault(task.index(), List.of());
    }

    /** The unsettled tasks the scheduler still lists as pending or running (one query per job). */
    @Override
    public java.util.Optional<Set<TaskKey>> queued(RunDir run) {
        Set<TaskKey> queued = new java.util.HashSet<>();
        GridLedger.unsettledStates(scheduler(run), run).forEach((task, state) -> {
            if (state.active()) queued.add(task);
        });
        return java.util.Optional.of(queued);
    }

    @Override
    public StatusReport status(RunDir run) {
        return new StatusReport(run, GridLedger.unsettledStates(scheduler(run), run), taskLogs(run));
    }
}
