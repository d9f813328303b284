package flow.exec;

import flow.run.RunDir;
import flow.run.RunLock;

import java.io.PrintStream;
import java.util.Collection;

/** What every head tells the user: taking over a dead head's lock, and how the run ended. */
public final class RunReport {
    private final PrintStream out;
    private final RunDir run;

    public RunReport(PrintStream out, RunDir run) {
        this.out = out;
        this.run = run;
    }

    /** The run's lock, taking over (and saying so) one whose holder is dead. */
    public RunLock lock() {
        return RunLock.acquire(run.lock(), holder -> out.println("run " + run.name()
                + ": taking over the lock from " + holder + ", which is no longer running"));
    }

    /** @return the exit code: 0 when every stage completed, else 1 */
    public int outcome(Collection<StageCounts> stages) {
        boolean done = stages.stream().allMatch(StageCounts::complete);
        if (done) {
            out.println("run " + run.name() + ": every task DONE (" + run.root() + ")");
            return 0;
        }
        out.println("run " + run.name() + ": FAILED");
        stages.stream().filter(c -> !c.complete()).forEach(c -> out.println("  " + c.stage + ": " + c.summary()));
        out.println("see 'flow status " + run.name() + "', 'flow log " + run.name() + " STAGE INDEX'; then 'flow resume " + run.name() + "'");
        return 1;
    }
}
