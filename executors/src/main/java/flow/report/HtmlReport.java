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
        List<LedgerRecord> ledger = Ledger.read(run.ledger());
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

    /** Every attempt as columns of numbers (names as indices into lists): small enough for 100,000 attempts. */
    private static String data(RunRecord record, List<TraceRows.Row> attempts, Instant t0) {
        Names stages = new Names(), states = new Names(), classes = new Names(), nodes = new Names(), jobs = new Names();
        record.stages().forEach(s -> stages.of(s.name()));
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        for (String c : List.of("s", "i", "n", "st", "c", "x", "q", "b", "e", "cpu", "rss", "node", "j")) columns.put(c, new ArrayList<>());
        for (TraceRows.Row a : attempts) {
            columns.get("s").add(stages.of(a.stage()));
            columns.get("i").add(a.index());
            columns.get("n").add(a.attempt());
            columns.get("st").add(states.of(a.state()));
            columns.get("c").add(a.failureClass().isEmpty() ? -1 : classes.of(a.failureClass()));
            columns.get("x").add(a.exit().isEmpty() ? null : Integer.valueOf(a.exit()));
            columns.get("q").add(millis(a.submit(), t0));
            columns.get("b").add(millis(a.start(), t0));
            columns.get("e").add(millis(a.end(), t0));
            columns.get("cpu").add(Double.isNaN(a.cpu()) ? -1 : a.cpu());
            columns.get("rss").add(Double.isNaN(a.peakRssMb()) ? -1 : a.peakRssMb());
            columns.get("node").add(nodes.of(a.node()));
            columns.get("j").add(jobs.of(a.job()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("stages", stages.list);
        json.put("states", states.list);
        json.put("classes", classes.list);
        json.put("nodes", nodes.list);
        json.put("jobs", jobs.list);
        json.putAll(columns);
        return Json.compact(json);
    }

    /** Strings numbered in the order first seen. */
    private static final class Names {
        final List<String> list = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();

        int of(String name) {
            return index.computeIfAbsent(name, n -> { list.add(n); return list.size() - 1; });
        }
    }

    /** Milliseconds since the run began; -1 when unknown or not a time. */
    private static long millis(String time, Instant t0) {
        try {
            return time.isEmpty() ? -1 : Math.max(0, Duration.between(t0, Instant.parse(time)).toMillis());
        } catch (java.time.DateTimeException notATime) {
            return -1;
        }
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
