package flow.run;

import flow.plan.StageDefinition;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code trace.tsv} in the run directory: one line per attempt of a task, appended by the head as
 * it settles the attempt, with its figures from the task's result (columns: {@link #COLUMNS};
 * times ISO-8601 UTC, durations and CPU in seconds, memory in MB, empty where unknown). A line
 * is one write; a line torn by a crash is cut off before the next is appended.
 */
public final class Trace {
    public static final List<String> COLUMNS = List.of("task", "stage", "index", "attempt", "job", "state", "class", "exit",
            "submit", "start", "end", "duration", "cpu", "peak_rss_mb", "requested_mb", "node");
    public static final String FILE = "trace.tsv";

    private final Path file;
    private boolean checked;

    public Trace(RunDir run) {
        this.file = run.root().resolve(FILE);
    }

    /**
     * One settled attempt.
     *
     * @param submitted when it was handed to the scheduler (null: when it started)
     * @param figures   what it used and when it ran, as far as known
     */
    public synchronized void append(StageDefinition stage, int index, int attempt, String job, String state, String failureClass,
                                    Integer exit, String submitted, AttemptFigures figures) {
        List<String> f = new ArrayList<>(List.of(stage.name() + "[" + index + "]", stage.name(), String.valueOf(index),
                String.valueOf(attempt), orEmpty(job), state, orEmpty(failureClass), exit == null ? "" : String.valueOf(exit)));
        f.add(orEmpty(submitted != null ? submitted : figures.started()));
        f.add(orEmpty(figures.started()));
        f.add(orEmpty(figures.ended()));
        f.add(duration(figures.started(), figures.ended()));
        f.add(figures.cpuSeconds() == null ? "" : seconds(figures.cpuSeconds()));
        f.add(figures.peakRssMb() == null ? "" : String.valueOf(figures.peakRssMb()));
        f.add(figures.requestedMb() == null ? "" : String.valueOf(figures.requestedMb()));
        f.add(orEmpty(figures.node()));
        write(String.join("\t", f.stream().map(Trace::field).toList()) + "\n");
    }

    private void write(String line) {
        try {
            if (!checked) {
                cutTornLine();
                if (!Files.exists(file)) Files.writeString(file, String.join("\t", COLUMNS) + "\n", StandardCharsets.UTF_8);
                checked = true;
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** A head killed in the middle of a line left part of it: cut back to the last whole line. */
    private void cutTornLine() throws IOException {
        if (!Files.exists(file)) return;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long end = raf.length();
            while (end > 0) {
                raf.seek(end - 1);
                if (raf.read() == '\n') break;
                end--;
            }
            raf.setLength(end);
        }
    }

    /**
     * The memory an attempt asked for: per task, or per CPU times its CPUs, times {@code factor}
     * (a retry after running out of memory asks for more: {@code RetryScaling}); null without a request.
     */
    public static Long requestedMegabytes(StageDefinition stage, int factor) {
        var r = stage.resources();
        String key = r.memoryKey();
        if (r.megabytes(key).isEmpty()) return null;
        return r.taskMegabytes(factor > 1 ? flow.exec.grid.RetryScaling.megabytes(r, key, null, factor) : r.megabytes(key).getAsLong());
    }

    /** done, failed, cancelled or blocked (an upstream task failed): the trace's state of an attempt. */
    public static String state(flow.model.FailureClass failure) {
        if (failure == null) return "done";
        return switch (failure) {
            case CANCELLED -> "cancelled";
            case DEPENDENCY_NEVER_SATISFIED -> "blocked";
            default -> "failed";
        };
    }

    /** Seconds from start to end; empty when either is missing or not a time (a hand-edited result must not stop a head). */
    private static String duration(String start, String end) {
        try {
            return start == null || end == null ? "" : seconds(Duration.between(Instant.parse(start), Instant.parse(end)).toMillis() / 1000.0);
        } catch (java.time.DateTimeException notATime) {
            return "";
        }
    }

    private static String seconds(double s) {
        return String.format(java.util.Locale.ROOT, "%.3f", s);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** No tab or new line inside a field (a host or class never has one; a stage name could). */
    private static String field(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
