package flow.exec;

import flow.model.NotifySpec;
import flow.model.PipelineSpec;
import flow.run.Ledger;
import flow.run.LedgerEvent;
import flow.run.LedgerRecord;
import flow.run.RunDir;
import flow.run.RunRecord;
import flow.run.TaskKey;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code notify} of a pipeline, told what one run or watch tick did: each failed attempt
 * ({@code failure}, at most {@link #FAILURES_PER_ROUND} one by one, the rest in one notice),
 * each dataset that became done ({@code done}) and the end of the round ({@code end}, with the
 * counts). What happened is read from the run directory: the ledger's task ends appended during
 * the round and the datasets' states before and after it.
 */
public final class Notices {
    static final int FAILURES_PER_ROUND = 5;
    private static final String KEY = "notify";

    private final RunDir run;
    private final int ledgerBefore;
    private final Set<String> doneBefore;

    private Notices(RunDir run, int ledgerBefore, Set<String> doneBefore) {
        this.run = run;
        this.ledgerBefore = ledgerBefore;
        this.doneBefore = doneBefore;
    }

    /** Records the pipeline's notify lines in run.json, for the heads and later commands to read. */
    static void record(Map<String, Object> recorded, PipelineSpec spec) {
        if (spec.notices().isEmpty()) {
            recorded.remove(KEY);
            return;
        }
        List<Map<String, Object>> notices = new ArrayList<>();
        for (NotifySpec n : spec.notices()) {
            Map<String, Object> json = new LinkedHashMap<>();
            if (n.email() != null) json.put("email", n.email());
            if (n.command() != null) json.put("command", n.command());
            json.put("on", List.copyOf(n.on()));
            notices.add(json);
        }
        recorded.put(KEY, notices);
    }

    @SuppressWarnings("unchecked")
    private static List<NotifySpec> recorded(RunRecord record) {
        List<NotifySpec> notices = new ArrayList<>();
        for (Map<String, Object> n : (List<Map<String, Object>>) record.options().getOrDefault(KEY, List.of())) {
            notices.add(new NotifySpec((String) n.get("email"), (String) n.get("command"), new LinkedHashSet<>((List<String>) n.get("on")), null));
        }
        return notices;
    }

    /** What a run looks like before a round; {@code run} null for a run the round creates. */
    public static Notices before(RunDir run, Function<RunDir, StatusReport> status) {
        if (run == null) return new Notices(null, 0, Set.of());
        Set<String> done = new LinkedHashSet<>();
        DatasetReport.rows(run, status.apply(run)).stream().filter(r -> r.state().equals("done")).forEach(r -> done.add(r.name()));
        return new Notices(run, Ledger.read(run.ledger()).size(), done);
    }

    /** Tells whoever the run's notify lines name what happened since {@link #before}; {@code round} is "run" or "tick". */
    public void after(RunDir ran, String round, Function<RunDir, StatusReport> status, PrintStream warnings) {
        if (ran == null) return;
        RunRecord record = RunRecord.read(ran.runJson());
        List<NotifySpec> notices = recorded(record);
        if (notices.isEmpty()) return;
        List<LedgerRecord> ledger = Ledger.read(ran.ledger());
        List<LedgerRecord> failures = ledger.subList(run == null ? 0 : Math.min(ledgerBefore, ledger.size()), ledger.size()).stream()
                .filter(r -> r.is(LedgerEvent.TASK_END) && r.failure().filter(Notices::toldAsFailure).isPresent()).toList();
        StatusReport report = status.apply(ran);
        List<DatasetReport.Row> rows = DatasetReport.rows(ran, report);
        NoticeSender sender = new NoticeSender(warnings);
        String name = record.name();
        for (NotifySpec to : notices) {
            if (to.on().contains("failure")) {
                failures.stream().limit(FAILURES_PER_ROUND).forEach(f -> sender.send(to, "flow " + name + ": " + label(f.task()) + " failed",
                        event("failure", record, Map.of("task", label(f.task()), "attempt", f.attempt(),
                                "failure", flow.model.FailureClass.label(f.failure().orElse(null), f.get("exit"))))));
                if (failures.size() > FAILURES_PER_ROUND) {
                    int more = failures.size() - FAILURES_PER_ROUND;
                    sender.send(to, "flow " + name + ": " + more + " more failures", event("failure", record, Map.of("more", more)));
                }
            }
            if (to.on().contains("done")) {
                rows.stream().filter(r -> r.state().equals("done") && !doneBefore.contains(r.name())).forEach(r -> sender.send(to,
                        "flow " + name + ": " + r.name() + " done", event("done", record, Map.of("dataset", r.name(), "values", r.values()))));
            }
            if (to.on().contains("end")) {
                Map<String, Object> counts = new LinkedHashMap<>();
                report.stages().forEach(c -> counts.put(c.stage, Map.of("tasks", c.total, "done", c.done, "failed", c.failed,
                        "blocked", c.blocked, "pending", c.pending())));
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("round", round);
                details.put("state", report.state());
                details.put("stages", counts);
                sender.send(to, "flow " + name + ": " + round + " ended, " + report.state(), event("end", record, details));
            }
        }
    }

    /** A task blocked by a failed upstream one, or cancelled, is a consequence: the failure that caused it is told. */
    private static boolean toldAsFailure(flow.model.FailureClass failure) {
        return failure != flow.model.FailureClass.DEPENDENCY_NEVER_SATISFIED && failure != flow.model.FailureClass.CANCELLED;
    }

    private static String label(TaskKey task) {
        return task.stage() + "[" + task.index() + "]";
    }

    private static Map<String, Object> event(String kind, RunRecord record, Map<String, Object> details) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", kind);
        event.put("run", record.name());
        event.put("pipeline", record.pipeline());
        event.put("time", java.time.Instant.now().toString());
        event.putAll(details);
        return event;
    }
}
