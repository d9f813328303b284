package flow.exec;

import flow.run.Ledger;
import flow.run.LedgerEvent;
import flow.run.RunLock;
import flow.run.Runs;

import java.util.Map;

/**
 * What every head holds while it works on a run, local or batch: the run's lock (taken over,
 * with a message, from a holder that died) and its ledger, opened once; a resume first rewrites
 * run.json and tasks.tsv for its new plan. The launch's event (run or resume) is recorded by
 * {@link #start}, its end by {@link #end}. Closing releases the ledger and the lock.
 */
public final class HeadSession implements AutoCloseable {
    private final Launch launch;
    private final RunReport report;
    private final RunLock lock;
    private final Ledger ledger;

    private HeadSession(Launch launch, RunReport report, RunLock lock, Ledger ledger) {
        this.launch = launch;
        this.report = report;
        this.lock = lock;
        this.ledger = ledger;
    }

    public static HeadSession open(Launch launch) {
        RunReport report = new RunReport(launch.out(), launch.run());
        RunLock lock = report.lock();
        try {
            Ledger ledger = Ledger.open(launch.run().ledger());
            if (launch.event() == LedgerEvent.RESUME) Runs.writePlan(launch.run(), launch.record(), launch.plan());
            for (var restamp : launch.restamps()) {
                restamp.write(launch.run().resultJson(restamp.stage(), restamp.index()));
                flow.run.ResultIndex.append(launch.run(), restamp);
            }
            return new HeadSession(launch, report, lock, ledger);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    public Ledger ledger() {
        return ledger;
    }

    public RunReport report() {
        return report;
    }

    /** Records the launch's event (run or resume) with what the executor says of it. */
    public void start(Map<String, ?> fields) {
        Map<String, Object> start = new java.util.LinkedHashMap<>(fields);
        if (!launch.changes().isEmpty()) start.put("changes", launch.changes());
        ledger.append(launch.event(), start);
    }

    /** Records the end: done when every task is, else failed, with the executor's own figures. */
    public void end(boolean done, Map<String, ?> fields) {
        Map<String, Object> end = new java.util.LinkedHashMap<>();
        end.put("status", done ? "done" : "failed");
        end.putAll(fields);
        ledger.append(LedgerEvent.END, end);
    }

    @Override
    public void close() {
        try {
            ledger.close();
        } finally {
            lock.close();
        }
    }
}
