package flow.exec;

import flow.plan.Plan;
import flow.run.RunDir;
import flow.run.RunLock;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The default executor: the head process runs the tasks itself, on a bounded pool of this machine. */
public final class LocalExecutor implements Executor {
    @Override
    public String name() {
        return "local";
    }

    @Override
    public boolean availableHere() {
        return true;
    }

    @Override
    public int drive(Launch launch) throws InterruptedException {
        launch.whenSubmitted().run();
        return new Head(launch.out(), launch.steps()).drive(launch.run(), launch.record(), launch.plan(), launch.event(), launch.toRun(),
                new LocalScheduler.Options(launch.options().maxParallel(), launch.options().failFast()), launch.progress());
    }

    /** The head runs the tasks itself: nothing is written for a scheduler. */
    @Override
    public Map<String, String> render(RunDir run, Plan plan, Map<String, List<Integer>> toRun, LaunchOptions options) {
        return Map.of();
    }

    /** Signals the head (SIGTERM), which ends its tasks and records the cancellation, and waits up to 30 s for it. */
    @Override
    public int cancel(RunDir run, PrintStream out) throws InterruptedException {
        var holder = RunLock.liveHolder(run.lock());
        if (holder.isEmpty()) {
            out.println("run " + run.name() + " is not running");
            return 0;
        }
        ProcessHandle head = ProcessHandle.of(holder.get().pid())
                .orElseThrow(() -> new IllegalStateException("the head of " + run.name() + " runs on " + holder.get().host() + ": cancel it there"));
        head.destroy();
        for (int waited = 0; waited < 300 && RunLock.liveHolder(run.lock()).isPresent(); waited++) Thread.sleep(100);
        if (RunLock.liveHolder(run.lock()).isPresent()) {
            out.println("run " + run.name() + ": the head (" + holder.get().describe() + ") has not stopped yet");
            return 1;
        }
        out.println("run " + run.name() + ": cancelled");
        return 0;
    }

    @Override
    public String status(RunDir run) {
        return new StatusReport(run).table();
    }
}
