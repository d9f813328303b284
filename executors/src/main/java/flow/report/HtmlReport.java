package flow.report;

import flow.plan.StageDefinition;
import flow.run.Ledger;
import flow.run.LedgerEvent;
import flow.run.LedgerRecord;
import flow.run.RunDir;
import flow.run.RunRecord;
import flow.run.Trace;
import flow.util.AtomicFiles;
import flow.util.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's report: one self-contained HTML file (styles, code and data inline; nothing fetched),
 * from the run's record, ledger and trace: a summary, a line per stage (tasks by state, retries
 * by reason, duration, memory used against requested, CPU efficiency), the stage graph as SVG,
 * a zoomable timeline of every attempt, histograms per stage, and a table of every attempt that
 * stays fast at 100,000 (only the rows in view are in the page).
 */
public final class HtmlReport {
    public static final String FILE = "report.html";

    private HtmlReport() {}

    /** Writes the report of {@code run} to {@code target} (under a temporary name, then renamed). */
    public static void write(RunDir run, Path target) {
        AtomicFiles.write(target, render(run));
    }

    static String render(RunDir run) {
        RunRecord record = RunRecord.read(run.runJson());
        List<TraceRows.Row> attempts = TraceRows.read(run.root().resolve(Trace.FILE)).rows();
        List<LedgerRecord> ledger = new ArrayList<>();
        Ledger.forEach(run.ledger(), java.util.Set.of(LedgerEvent.RUN, LedgerEvent.END), ledger::add);
        Instant start = ledger.stream().filter(r -> r.is(LedgerEvent.RUN)).map(HtmlReport::time).findFirst().orElse(Instant.now());
        Instant end = ledger.stream().filter(r -> r.is(LedgerEvent.END)).map(HtmlReport::time).reduce((a, b) -> b).orElse(null);
        Map<String, List<TraceRows.Row>> byStage = new LinkedHashMap<>();
        record.stages().forEach(s -> byStage.put(s.name(), new ArrayList<>()));
        attempts.forEach(a -> byStage.computeIfAbsent(a.stage(), s -> new ArrayList<>()).add(a));
        List<StageFigures> stages = new ArrayList<>();
        for (StageDefinition s : record.stages()) {
            stages.add(StageFigures.of(s.name(), record.liveIndices(s.name()).size(), byStage.get(s.name()), s.cpus()));
        }
        String title = "flow report: " + record.pipeline() + ", run " + record.name();
        return template("report.html")
                .replace("{{TITLE}}", html(title))
                .replace("{{WRITTEN}}", Instant.now().toString())
                .replace("{{SUMMARY}}", summary(record, stages, start, end))
                .replace("{{STAGES}}", stageTable(record, stages))
                .replace("{{DAG}}", GraphFormats.svg(StageGraph.of(record.stages(), record.taskCounts())))
                .replace("{{RETRIES}}", retryTable(stages))
                .replace("{{DATA}}", data(record, attempts, start).replace("</", "<\\/"))
                .replace("{{SCRIPT}}", template("report.js"));
    }

    private static String summary(RunRecord record, List<StageFigures> stages, Instant start, Instant end) {
        int tasks = 0, done = 0, failed = 0, cancelled = 0;
        double used = 0, requested = 0;
        for (StageFigures s : stages) {
            tasks += s.tasks();
            done += s.done();
            failed += s.failed();
            cancelled += s.cancelled();
            used += s.cpuHoursUsed();
            requested += s.cpuHoursRequested();
        }
        int notRun = tasks - done - failed - cancelled;
        String state = done == tasks ? "done" : failed > 0 ? "failed" : end == null ? "running" : "incomplete";
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("pipeline", record.pipeline());
        rows.put("run", record.name());
        rows.put("executor", record.executor());
        rows.put("started", start.toString());
        rows.put("ended", end == null ? "not yet" : end.toString());
        rows.put("wall time", end == null ? "" : duration(Duration.between(start, end)));
        rows.put("state", state);
        rows.put("tasks", tasks + ": " + done + " done, " + failed + " failed, " + cancelled + " cancelled, " + notRun + " not run");
        rows.put("CPU-hours", String.format(Locale.ROOT, "%.3f used of %.3f requested (CPUs × wall time of each attempt)", used, requested));
        StringBuilder out = new StringBuilder("<table class=\"summary\">\n");
        rows.forEach((k, v) -> out.append("<tr><th>").append(html(k)).append("</th><td")
                .append(k.equals("state") ? " class=\"state-" + state + "\" id=\"run-state\"" : "").append('>').append(html(v)).append("</td></tr>\n"));
        return out.append("</table>").toString();
    }

    private static String stageTable(RunRecord record, List<StageFigures> stages) {
        StringBuilder out = new StringBuilder("<table class=\"stages\">\n<tr><th>stage</th><th>step</th><th>tasks</th><th>done</th>"
                + "<th>failed</th><th>cancelled</th><th>retries</th><th>duration s<br>min / median / max</th>"
                + "<th>peak memory MB<br>median / max</th><th>requested MB</th><th>CPU efficiency</th></tr>\n");
        for (StageFigures s : stages) {
            List<String> retries = new ArrayList<>();
            s.retries().forEach((cls, n) -> retries.add(cls + " " + n));
            out.append("<tr class=\"stage\" data-stage=\"").append(html(s.stage())).append("\"><td>").append(html(s.stage()))
                    .append("</td><td>").append(html(record.stage(s.stage()).step()))
                    .append("</td><td>").append(s.tasks()).append("</td><td>").append(s.done()).append("</td><td>").append(s.failed())
                    .append("</td><td>").append(s.cancelled()).append("</td><td>").append(html(String.join(", ", retries)))
                    .append("</td><td>").append(spread(s.duration(), 1, true)).append("</td><td>").append(spread(s.memory(), 0, false))
                    .append("</td><td>").append(Double.isNaN(s.requestedMb()) ? "" : String.format(Locale.ROOT, "%.0f", s.requestedMb()))
                    .append("</td><td>").append(Double.isNaN(s.cpuEfficiency()) ? "" : String.format(Locale.ROOT, "%.0f%%", 100 * s.cpuEfficiency()))
                    .append("</td></tr>\n");
        }
        return out.append("</table>").toString();
    }

    private static String retryTable(List<StageFigures> stages) {
        Map<String, Map<String, Integer>> byClass = new TreeMap<>();
        stages.forEach(s -> s.retries().forEach((cls, n) -> byClass.computeIfAbsent(cls, c -> new LinkedHashMap<>()).put(s.stage(), n)));
        if (byClass.isEmpty()) return "<p class=\"muted\" id=\"no-retries\">No attempt was retried.</p>";
        StringBuilder out = new StringBuilder("<table class=\"retries\"><tr><th>reason</th>");
        stages.forEach(s -> out.append("<th>").append(html(s.stage())).append("</th>"));
        out.append("</tr>\n");
        byClass.forEach((cls, counts) -> {
            out.append("<tr><td>").append(html(cls)).append("</td>");
            stages.forEach(s -> out.append("<td>").append(counts.getOrDefault(s.stage(), 0)).append("</td>"));
            out.append("</tr>\n");
        });
        return out.append("</table>").toString();
    }

    /**
     * Every attempt as columns of numbers (names as indices into lists): small enough for 100,000
     * attempts, and written straight into the text (a generic JSON writer over boxed lists took
     * most of the report's time).
     */
    private static String data(RunRecord record, List<TraceRows.Row> attempts, Instant t0) {
        Names stages = new Names(), states = new Names(), classes = new Names(), nodes = new Names(), jobs = new Names();
        record.stages().forEach(s -> stages.of(s.name()));
        int n = attempts.size();
        int[] stage = new int[n], state = new int[n], cls = new int[n], node = new int[n], job = new int[n];
        for (int k = 0; k < n; k++) {
            TraceRows.Row a = attempts.get(k);
            stage[k] = stages.of(a.stage());
            state[k] = states.of(a.state());
            cls[k] = a.failureClass().isEmpty() ? -1 : classes.of(a.failureClass());
            node[k] = nodes.of(a.node());
            job[k] = jobs.of(a.job());
        }
        long epoch = t0.toEpochMilli();
        StringBuilder out = new StringBuilder(n * 64);
        out.append("{\"stages\":").append(Json.compact(stages.list)).append(",\"states\":").append(Json.compact(states.list))
                .append(",\"classes\":").append(Json.compact(classes.list)).append(",\"nodes\":").append(Json.compact(nodes.list))
                .append(",\"jobs\":").append(Json.compact(jobs.list));
        column(out, "s", n, (b, k) -> b.append(stage[k]));
        column(out, "i", n, (b, k) -> b.append(attempts.get(k).index()));
        column(out, "n", n, (b, k) -> b.append(attempts.get(k).attempt()));
        column(out, "st", n, (b, k) -> b.append(state[k]));
        column(out, "c", n, (b, k) -> b.append(cls[k]));
        column(out, "x", n, (b, k) -> b.append(exitCode(attempts.get(k).exit())));
        column(out, "q", n, (b, k) -> b.append(millis(attempts.get(k).submit(), epoch)));
        column(out, "b", n, (b, k) -> b.append(millis(attempts.get(k).start(), epoch)));
        column(out, "e", n, (b, k) -> b.append(millis(attempts.get(k).end(), epoch)));
        column(out, "cpu", n, (b, k) -> figure(b, attempts.get(k).cpu()));
        column(out, "rss", n, (b, k) -> figure(b, attempts.get(k).peakRssMb()));
        column(out, "node", n, (b, k) -> b.append(node[k]));
        column(out, "j", n, (b, k) -> b.append(job[k]));
        return out.append('}').toString();
    }

    private interface Cell {
        void write(StringBuilder out, int row);
    }

    private static void column(StringBuilder out, String name, int rows, Cell cell) {
        out.append(",\"").append(name).append("\":[");
        for (int k = 0; k < rows; k++) {
            if (k > 0) out.append(',');
            cell.write(out, k);
        }
        out.append(']');
    }

    /** An exit code, or null (JSON) when the attempt has none or it is not a number. */
    private static String exitCode(String text) {
        try {
            return text.isEmpty() ? "null" : String.valueOf(Integer.parseInt(text));
        } catch (NumberFormatException notANumber) {
            return "null";
        }
    }

    /** A figure as the page reads it: -1 when unknown, whole numbers without a fraction. */
    private static void figure(StringBuilder out, double value) {
        if (Double.isNaN(value)) out.append(-1);
        else if (value == Math.rint(value) && Math.abs(value) < 1e15) out.append((long) value);
        else out.append(value);
    }

    /** Strings numbered in the order first seen. */
    private static final class Names {
        final List<String> list = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();

        int of(String name) {
            return index.computeIfAbsent(name, n -> { list.add(n); return list.size() - 1; });
        }
    }

    /** Milliseconds since the run began ({@code epoch}, in ms); -1 when unknown or not a time. */
    private static long millis(String time, long epoch) {
        if (time.isEmpty()) return -1;
        long at = IsoTimes.epochMillis(time);
        return at == Long.MIN_VALUE ? -1 : Math.max(0, at - epoch);
    }

    private static String spread(double[] values, int digits, boolean all) {
        if (values.length == 0) return "";
        String f = "%." + digits + "f";
        return all ? String.format(Locale.ROOT, f + " / " + f + " / " + f, values[0], values[1], values[2])
                : String.format(Locale.ROOT, f + " / " + f, values[1], values[2]);
    }

    private static String duration(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60) : s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
    }

    private static Instant time(LedgerRecord r) {
        return Instant.parse(String.valueOf(r.get("time")));
    }

    static String html(String s) {
        return GraphFormats.xml(s);
    }

    private static String template(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream("/flow/report/" + name)) {
            if (in == null) throw new IllegalStateException("flow's report template " + name + " is missing from its jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report template " + name, e);
        }
    }
}
