package flow.exec;

import flow.model.Dataset;
import flow.model.InputSpec;
import flow.model.PipelineSpec;
import flow.model.StageSpec;
import flow.plan.PlannedTask;
import flow.plan.UpstreamRef;
import flow.run.RunDir;
import flow.run.RunRecord;
import flow.run.TaskKey;
import flow.run.TasksFile;
import flow.util.Json;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The processed-datasets record of a run, read from its directory: one row per dataset a
 * discovering stage found (its task and the tasks that consume only that task's outputs, down
 * the pipeline), with the state of the whole chain: {@code done}, {@code failed} (with the
 * class or exit of the first failed task), {@code running} (with the scheduler), {@code pending}
 * (not yet run) or {@code removed} (its inputs are gone; outputs kept).
 */
public final class DatasetReport {
    public static final List<String> STATES = List.of("done", "failed", "running", "pending", "removed");
    private static final String STAGES_KEY = "datasetStages";
    private static final java.util.Set<String> NOT_FAILURES = java.util.Set.of(flow.model.FailureClass.DEPENDENCY_NEVER_SATISFIED.key(),
            flow.model.FailureClass.CANCELLED.key());

    /** @param log where the dataset's failed (else last) task wrote its errors; null if none ran */
    public record Row(String name, Map<String, Object> values, String state, String failure, String lastAttempt, Path log) {}

    private DatasetReport() {}

    /**
     * Records in run.json which stages take datasets, for {@code flow datasets} to read without the
     * .flow file: those that discover them, and those whose inputs are files (each task's first
     * file names its dataset; a watch's new matches are new datasets).
     */
    static void recordStages(Map<String, Object> recorded, PipelineSpec spec) {
        List<String> stages = spec.stages().values().stream().filter(s -> s.inputs() instanceof InputSpec.Discovered
                || s.inputs() instanceof InputSpec.FileGlob || s.inputs() instanceof InputSpec.FileListFile
                || s.inputs() instanceof InputSpec.FileLiteral).map(StageSpec::name).toList();
        if (stages.isEmpty()) recorded.remove(STAGES_KEY); else recorded.put(STAGES_KEY, stages);
    }

    @SuppressWarnings("unchecked")
    public static List<String> stages(RunRecord record) {
        return (List<String>) record.options().getOrDefault(STAGES_KEY, List.of());
    }

    /** Every dataset of the run, by name; {@code status} says how each task stands. */
    public static List<Row> rows(RunDir run, StatusReport status) {
        RunRecord record = status.record();
        Map<String, List<PlannedTask>> tasks = new LinkedHashMap<>();
        record.stages().forEach(s -> tasks.put(s.name(), TasksFile.readAll(run.tasksTsv(s.name()))));
        Map<TaskKey, List<TaskKey>> soleConsumers = soleConsumers(tasks);
        List<Row> rows = new ArrayList<>();
        for (String stage : stages(record)) {
            for (PlannedTask task : tasks.getOrDefault(stage, List.of())) {
                List<TaskKey> chain = chain(new TaskKey(stage, task.index()), soleConsumers);
                Map<String, Object> values = new LinkedHashMap<>(task.scan());
                Object discovered = values.remove(Dataset.NAME);
                String name = discovered != null ? String.valueOf(discovered) : task.files().isEmpty() ? stage + "[" + task.index() + "]"
                        : task.files().get(0).path();
                rows.add(row(name, values, task.removed(), chain, status));
            }
        }
        rows.sort(java.util.Comparator.comparing(Row::name));
        return rows;
    }

    /** For each task, the tasks downstream whose only input is its outputs. */
    private static Map<TaskKey, List<TaskKey>> soleConsumers(Map<String, List<PlannedTask>> tasks) {
        Map<TaskKey, List<TaskKey>> consumers = new HashMap<>();
        tasks.forEach((stage, list) -> list.forEach(t -> {
            if (t.upstream().size() != 1 || !t.files().isEmpty()) return;
            UpstreamRef ref = t.upstream().get(0);
            if (ref.to() - ref.from() != 1) return;
            consumers.computeIfAbsent(new TaskKey(ref.stage(), ref.from()), k -> new ArrayList<>()).add(new TaskKey(stage, t.index()));
        }));
        return consumers;
    }

    private static List<TaskKey> chain(TaskKey first, Map<TaskKey, List<TaskKey>> consumers) {
        List<TaskKey> chain = new ArrayList<>(List.of(first));
        for (int i = 0; i < chain.size(); i++) chain.addAll(consumers.getOrDefault(chain.get(i), List.of()));
        return chain;
    }

    private static Row row(String name, Map<String, Object> values, boolean removed, List<TaskKey> chain, StatusReport status) {
        String state = "done", failure = null, last = null;
        Path log = null;
        for (TaskKey task : chain) {
            StatusReport.Standing s = status.standing(task);
            if (s.ended() != null && (last == null || s.ended().compareTo(last) > 0)) last = s.ended();
            // a task blocked or cancelled says nothing of the dataset: it runs at the next tick
            boolean failed = s.kind() == StatusReport.Standing.Kind.ENDED && !NOT_FAILURES.contains(s.label());
            switch (failed || s.kind() != StatusReport.Standing.Kind.ENDED ? s.kind() : StatusReport.Standing.Kind.PENDING) {
                case ENDED -> {
                    if (failure == null) {
                        failure = s.label();
                        log = status.lastStderr(task);
                    }
                    state = "failed";
                }
                case RUNNING, QUEUED -> { if (!state.equals("failed")) state = "running"; }
                case PENDING -> { if (state.equals("done")) state = "pending"; }
                case DONE -> { }
            }
        }
        if (log == null) log = status.lastStderr(chain.get(chain.size() - 1));
        return new Row(name, values, removed ? "removed" : state, failure, seconds(last), log);
    }

    /** Rows as {@code table}, {@code tsv} or {@code json}. */
    public static String render(List<Row> rows, String format) {
        return switch (format) {
            case "tsv" -> tsv(rows);
            case "json" -> Json.pretty(rows.stream().map(DatasetReport::json).toList()) + "\n";
            case "table" -> table(rows);
            default -> throw new IllegalArgumentException("--format: expected table, tsv or json, got '" + format + "'");
        };
    }

    private static Map<String, Object> json(Row r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataset", r.name());
        json.put("values", r.values());
        json.put("state", r.state());
        json.put("failure", r.failure());
        json.put("lastAttempt", r.lastAttempt());
        json.put("log", r.log() == null ? null : r.log().toString());
        return json;
    }

    private static String tsv(List<Row> rows) {
        StringBuilder out = new StringBuilder("dataset\tstate\tfailure\tlast_attempt\tlog\n");
        for (Row r : rows) {
            out.append(String.join("\t", r.name(), r.state(), dash(r.failure()), dash(r.lastAttempt()), r.log() == null ? "-" : r.log().toString()))
                    .append('\n');
        }
        return out.toString();
    }

    private static String table(List<Row> rows) {
        int width = Math.max(7, rows.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        StringBuilder out = new StringBuilder(String.format("%-" + width + "s  %-8s %-22s %-21s %s%n", "DATASET", "STATE", "FAILURE", "LAST ATTEMPT", "LOG"));
        for (Row r : rows) {
            out.append(String.format("%-" + width + "s  %-8s %-22s %-21s %s%n", r.name(), r.state(), dash(r.failure()), dash(r.lastAttempt()),
                    r.log() == null ? "-" : r.log()));
        }
        return out.toString();
    }

    /** Counts by state, overall or per value of {@code key} (a dataset value such as experiment). */
    public static String stats(List<Row> rows, String key) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (Row r : rows) {
            String group = key == null ? "all" : String.valueOf(r.values().get(key));
            counts.computeIfAbsent(group, g -> new LinkedHashMap<>()).merge(r.state(), 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder(String.format("%-20s %8s", key == null ? "" : key.toUpperCase(java.util.Locale.ROOT), "DATASETS"));
        STATES.forEach(s -> out.append(String.format(" %8s", s.toUpperCase(java.util.Locale.ROOT))));
        out.append('\n');
        counts.forEach((group, byState) -> {
            out.append(String.format("%-20s %8d", group, byState.values().stream().mapToInt(Integer::intValue).sum()));
            STATES.forEach(s -> out.append(String.format(" %8d", byState.getOrDefault(s, 0))));
            out.append('\n');
        });
        return out.toString();
    }

    /** An instant to the second ({@code 2026-12-04T22:49:00Z}); anything else as it is. */
    private static String seconds(String time) {
        try {
            return time == null ? null : java.time.Instant.parse(time).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        } catch (java.time.format.DateTimeParseException other) {
            return time;
        }
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
