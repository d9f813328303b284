package flow.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * {@code stages/<stage>/results.idx}: what a resume needs of each successful {@code result.json}
 * (identity, recipe, outputs, upstream digests), appended by the head as tasks end, so that a
 * resume of a large run reads one file instead of every result. It is only a cache: a line
 * counts only while its {@code result.json} has the size, modification time and file (inode)
 * it had when the line was written; any rewrite of the result (always a new file, renamed into
 * place) makes the resume read the result itself, and a real resume writes the line again
 * ({@link #renew}). The line also stamps the task's {@code out/} directory: while that is
 * unchanged (an output deleted or moved away changes its time; every attempt removes it
 * first), the outputs are known to be in place without looking for each. Outputs in
 * subdirectories are not covered: such a line has no {@code out/} stamp. A line a crash cut
 * short is skipped.
 */
public final class ResultIndex {
    private static final String FIELD = "\t", ITEM = "\u001f";
    private static final int COLUMNS = 8;

    /**
     * The part of a successful result a resume judges by.
     *
     * @param outputsInPlace its out/ directory is as it was when the result was indexed, so its
     *                       outputs need not be looked for one by one
     */
    public record Entry(String id, String recipe, String outputsDigest, List<String> outputs, List<TaskResult.UpstreamUse> upstream,
                        boolean outputsInPlace) {
        static Entry of(TaskResult r) {
            return new Entry(r.id(), r.recipe(), r.outputsDigest(), r.outputs().stream().map(TaskResult.Output::path).toList(), r.upstream(), false);
        }
    }

    private final RunDir run;
    private final String stage;
    /** Lines by task index; null where a task has none. */
    private final String[] lines;
    /** By task index: the line's result.json stamp matched the file when the index was loaded. */
    private final boolean[] current;
    /** By task index: the line is current, and its out/ stamp matched the directory too. */
    private final boolean[] outInPlace;
    private final StringBuilder renewed = new StringBuilder();

    private ResultIndex(RunDir run, String stage, String[] lines) {
        this.run = run;
        this.stage = stage;
        this.lines = lines;
        this.current = new boolean[lines.length];
        this.outInPlace = new boolean[lines.length];
        try (TaskFiles tasks = TaskFiles.of(run.tasksDir(stage))) {
            // a stat or two per task, independent of each other: in parallel
            IntStream.range(0, lines.length).parallel().forEach(i -> {
                if (lines[i] == null) return;
                int resultStamp = lines[i].indexOf(FIELD) + 1, outStamp = lines[i].indexOf(FIELD, resultStamp) + 1;
                current[i] = Stamp.matches(lines[i], resultStamp, outStamp - 1, tasks.attributes(RunDir.resultJsonInTasks(i)), true);
                outInPlace[i] = current[i] && Stamp.matches(lines[i], outStamp, lines[i].indexOf(FIELD, outStamp),
                        tasks.attributes(RunDir.outDirInTasks(i)), false);
            });
        }
    }

    static Path file(RunDir run, String stage) {
        return run.stageDir(stage).resolve("results.idx");
    }

    /** Appends the entry of a successful result just written to its result.json (a failed one has none). */
    public static void append(RunDir run, TaskResult result) {
        if (!result.succeeded()) return;
        write(run, result.stage(), line(run, result));
    }

    private static void write(RunDir run, String stage, String lines) {
        try {
            Files.write(file(run, stage), lines.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index the results of " + stage + " in " + file(run, stage), e);
        }
    }

    private static String line(RunDir run, TaskResult result) {
        StringBuilder line = new StringBuilder().append(result.index()).append(FIELD)
                .append(Stamp.of(run.resultJson(result.stage(), result.index()))).append(FIELD)
                .append(result.outputs().stream().anyMatch(o -> o.path().contains("/")) ? Stamp.NONE : Stamp.of(run.outDir(result.stage(), result.index())))
                .append(FIELD).append(result.id()).append(FIELD).append(result.recipe()).append(FIELD).append(result.outputsDigest()).append(FIELD);
        for (int i = 0; i < result.outputs().size(); i++) {
            if (i > 0) line.append(ITEM);
            line.append(TasksFile.escape(result.outputs().get(i).path()));
        }
        line.append(FIELD);
        for (int i = 0; i < result.upstream().size(); i++) {
            TaskResult.UpstreamUse u = result.upstream().get(i);
            if (i > 0) line.append(ITEM);
            line.append(TasksFile.escape(u.stage())).append(':').append(u.index()).append(':').append(u.outputsDigest());
        }
        return line.append('\n').toString();
    }

    /** The stage's index as written, each line's result.json and out/ stamps checked; empty if there is none. */
    public static ResultIndex load(RunDir run, String stage) {
        String[] lines = new String[0];
        Path file = file(run, stage);
        if (Files.exists(file)) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line; (line = in.readLine()) != null; ) {
                    int index = wholeLineIndex(line);
                    if (index < 0) continue;
                    if (index >= lines.length) lines = Arrays.copyOf(lines, Math.max(index + 1, lines.length * 2));
                    lines[index] = line;
                }
            } catch (IOException | UncheckedIOException unreadable) {
                lines = new String[0]; // only a cache: the results themselves are read
            }
        }
        return new ResultIndex(run, stage, lines);
    }

    /** The task index a line is for, or -1 for a line the head did not write whole (cut short by a crash). */
    private static int wholeLineIndex(String line) {
        int fields = 1;
        for (int i = line.indexOf(FIELD); i >= 0; i = line.indexOf(FIELD, i + 1)) fields++;
        if (fields != COLUMNS) return -1;
        try {
            return Integer.parseInt(line, 0, line.indexOf(FIELD), 10);
        } catch (NumberFormatException torn) {
            return -1;
        }
    }

    /** The entry of the task's result if it has identity {@code id} and the index line is for the result that is there now. */
    public Optional<Entry> entry(int index, String id) {
        if (index >= lines.length || !current[index]) return Optional.empty();
        String[] cols = lines[index].split(FIELD, -1);
        if (!cols[3].equals(id)) return Optional.empty();
        List<String> outputs = new ArrayList<>();
        if (!cols[6].isEmpty()) for (String o : cols[6].split(ITEM)) outputs.add(TasksFile.unescape(o));
        List<TaskResult.UpstreamUse> upstream = new ArrayList<>();
        if (!cols[7].isEmpty()) {
            for (String u : cols[7].split(ITEM)) {
                int last = u.lastIndexOf(':'), before = u.lastIndexOf(':', last - 1);
                upstream.add(new TaskResult.UpstreamUse(TasksFile.unescape(u.substring(0, before)),
                        Integer.parseInt(u.substring(before + 1, last)), u.substring(last + 1)));
            }
        }
        return Optional.of(new Entry(cols[3], cols[4], cols[5], outputs, upstream, outInPlace[index]));
    }

    /** Keeps a line for a result the resume read because the index had none for it; {@link #flushRenewed} writes them. */
    public void renew(TaskResult result) {
        if (!result.succeeded()) return;
        String line = line(run, result);
        synchronized (renewed) {
            renewed.append(line);
        }
    }

    /** Appends the lines {@link #renew} kept, so that the next resume need not read those results. */
    public void flushRenewed() {
        synchronized (renewed) {
            if (renewed.isEmpty()) return;
            write(run, stage, renewed.toString());
            renewed.setLength(0);
        }
    }

}
