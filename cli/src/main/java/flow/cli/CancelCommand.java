package flow.cli;

import flow.run.RunDir;
import flow.run.RunLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a running run: its head ends its tasks and records the cancellation.")
final class CancelCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "run name or directory")
    String runName;

    @Override
    public Integer call() throws InterruptedException {
        RunDir run = new Workspace().runs().find(runName);
        String executor = flow.run.RunRecord.read(run.runJson()).executor();
        if (!executor.equals("local")) {
            var jobs = flow.exec.grid.GridLedger.unsettledJobs(run);
            Workspace.scheduler(executor, run).cancel(jobs);
            System.out.println("run " + run.name() + ": cancelled jobs " + String.join(" ", jobs));
            return 0;
        }
        var holder = RunLock.liveHolder(run.lock());
        if (holder.isEmpty()) {
            System.out.println("run " + run.name() + " is not running");
            return 0;
        }
        ProcessHandle head = ProcessHandle.of(holder.get().pid())
                .orElseThrow(() -> new IllegalStateException("the head of " + run.name() + " runs on " + holder.get().host() + ": cancel it there"));
        head.destroy();
        for (int waited = 0; waited < 300 && RunLock.liveHolder(run.lock()).isPresent(); waited++) Thread.sleep(100);
        if (RunLock.liveHolder(run.lock()).isPresent()) {
            System.out.println("run " + run.name() + ": the head (" + holder.get().describe() + ") has not stopped yet");
            return 1;
        }
        System.out.println("run " + run.name() + ": cancelled");
        return 0;
    }
}
