package flow.run;

import flow.util.FileStats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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
 * <p>
 * The file is read whole, as bytes, and lines are judged in place: at 100,000 tasks, a string
 * per line and per column was most of what a resume allocated and kept.
 */
public final class ResultIndex {
    private static final char FIELD = '\t', ITEM = '\u001f', NEWLINE = '\n';
    private static final int COLUMNS = 8, ID = 3, OUTPUTS_DIGEST = 5;
    /** Tasks whose stamps are looked at in one call: enough to make the call's cost nothing, few enough to share the work out. */
    private static final int TASKS_PER_LOOK = 1024;

    /**
     * The part of a successful result a resume judges by.
     *
     * @param outputs        the outputs to look for; none listed while they are in place
     * @param outputsInPlace its out/ directory is as it was when the result was indexed, so its
     *                       outputs need not be looked for one by one
     */
    public record Entry(String outputsDigest, List<String> outputs, List<TaskResult.UpstreamUse> upstream, boolean outputsInPlace) {
        static Entry of(TaskResult r) {
            return new Entry(r.outputsDigest(), r.outputs().stream().map(TaskResult.Output::path).toList(), r.upstream(), false);
        }
    }

    private final RunDir run;
    private final String stage;
    /** The index as written. */
    private final byte[] text;
    /** By task index: where its last whole line starts in {@link #text}, or -1 where it has none. */
    private final int[] lineStart;
    /** By task index: the line's result.json stamp matched the file when the index was loaded. */
    private final boolean[] current;
    /** By task index: the line is current, and its out/ stamp matched the directory too. */
    private final boolean[] outInPlace;
    private final StringBuilder renewed = new StringBuilder();

    private ResultIndex(RunDir run, String stage, byte[] text, int[] lineStart) {
        this.run = run;
        this.stage = stage;
        this.text = text;
        this.lineStart = lineStart;
        this.current = new boolean[lineStart.length];
        this.outInPlace = new boolean[lineStart.length];
        // the stamps of a batch of tasks are looked at in one call, batches in parallel
        IntStream.range(0, (lineStart.length + TASKS_PER_LOOK - 1) / TASKS_PER_LOOK).parallel()
                .forEach(b -> judgeStamps(b * TASKS_PER_LOOK, Math.min(lineStart.length, (b + 1) * TASKS_PER_LOOK)));
    }

    /** Judges the result.json and out/ stamps of the lines of tasks {@code [from, to)}. */
    private void judgeStamps(int from, int to) {
        List<String> names = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (lineStart[i] < 0) continue;
            names.add(RunDir.resultJsonInTasks(i));
            names.add(RunDir.outDirInTasks(i));
        }
        FileStats files = FileStats.of(run.tasksDir(stage), names);
        for (int i = from, file = 0; i < to; i++) {
            if (lineStart[i] < 0) continue;
            int resultStamp = columnAfter(lineStart[i], 1), outStamp = columnAfter(resultStamp, 1);
            current[i] = Stamp.matches(text, resultStamp, outStamp - 1, files, file, true);
            outInPlace[i] = current[i] && Stamp.matches(text, outStamp, columnAfter(outStamp, 1) - 1, files, file + 1, false);
            file += 2;
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
        List<String> stamps = Stamp.of(run.tasksDir(result.stage()), RunDir.resultJsonInTasks(result.index()), RunDir.outDirInTasks(result.index()));
        StringBuilder line = new StringBuilder().append(result.index()).append(FIELD).append(stamps.get(0)).append(FIELD)
                .append(result.outputs().stream().anyMatch(o -> o.path().contains("/")) ? Stamp.NONE : stamps.get(1)).append(FIELD)
                .append(result.id()).append(FIELD).append(result.recipe()).append(FIELD).append(result.outputsDigest()).append(FIELD);
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
        byte[] text = new byte[0];
        Path file = file(run, stage);
        try {
            // one array holds the file; a larger one is not read (only a cache: the results themselves are)
            if (Files.exists(file) && Files.size(file) < Integer.MAX_VALUE - 8) text = Files.readAllBytes(file);
        } catch (IOException | UncheckedIOException unreadable) {
            text = new byte[0];
        }
        return new ResultIndex(run, stage, text, lineStarts(text));
    }

    /**
     * By task index, where its last whole line starts, or -1. A line counts with its newline and
     * all its columns: the head cut short by a crash leaves a line without its newline, to which
     * a later head may append another. One pass over the bytes: the index of a 100,000-task
     * stage is 25 MB.
     */
    private static int[] lineStarts(byte[] text) {
        int[] starts = new int[0];
        for (int i = 0, start = 0, fields = 0; i < text.length; i++) {
            if (text[i] == FIELD) {
                fields++;
            } else if (text[i] == NEWLINE) {
                long index = fields == COLUMNS - 1 ? ByteText.number(text, start, ByteText.indexOf(text, FIELD, start, i)) : -1;
                if (index >= 0 && index <= Integer.MAX_VALUE) starts = placed(starts, (int) index, start);
                start = i + 1;
                fields = 0;
            }
        }
        return starts;
    }

    /** {@code starts} with task {@code index}'s line at {@code start}, grown (by -1s) if it was too short. */
    private static int[] placed(int[] starts, int index, int start) {
        int[] placed = starts;
        if (index >= starts.length) {
            placed = java.util.Arrays.copyOf(starts, Math.max(index + 1, starts.length * 2));
            java.util.Arrays.fill(placed, starts.length, placed.length, -1);
        }
        placed[index] = start;
        return placed;
    }

    /** The entry of the task's result if it has identity {@code id} and the index line is for the result that is there now. */
    public Optional<Entry> entry(int index, String id) {
        if (index >= lineStart.length || !current[index]) return Optional.empty();
        int idStart = columnAfter(lineStart[index], ID);
        if (!ByteText.equalsAscii(text, idStart, columnAfter(idStart, 1) - 1, id)) return Optional.empty();
        int digestStart = columnAfter(idStart, OUTPUTS_DIGEST - ID), outputsStart = columnAfter(digestStart, 1),
                upstreamStart = columnAfter(outputsStart, 1),
                end = ByteText.indexOf(text, NEWLINE, upstreamStart, text.length);
        List<String> outputs = new ArrayList<>();
        for (int from = outputsStart, to; !outInPlace[index] && from < upstreamStart - 1; from = to + 1) {
            to = itemEnd(from, upstreamStart - 1);
            outputs.add(TasksFile.unescape(utf8(from, to)));
        }
        List<TaskResult.UpstreamUse> upstream = new ArrayList<>();
        for (int from = upstreamStart, to; from < end; from = to + 1) {
            to = itemEnd(from, end);
            int last = ByteText.lastIndexOf(text, ':', from, to), before = ByteText.lastIndexOf(text, ':', from, last);
            upstream.add(new TaskResult.UpstreamUse(TasksFile.unescape(utf8(from, before)), (int) ByteText.number(text, before + 1, last),
                    utf8(last + 1, to)));
        }
        return Optional.of(new Entry(utf8(digestStart, outputsStart - 1), outputs, upstream, outInPlace[index]));
    }

    /** Where the column {@code n} columns after the one starting at {@code from} starts (a whole line has all its columns). */
    private int columnAfter(int from, int n) {
        int at = from;
        for (int i = 0; i < n; i++) at = ByteText.indexOf(text, FIELD, at, text.length) + 1;
        return at;
    }

    /** Where the item of a column that starts at {@code from} ends: at the next separator, else at the column's end. */
    private int itemEnd(int from, int columnEnd) {
        int end = ByteText.indexOf(text, ITEM, from, columnEnd);
        return end < 0 ? columnEnd : end;
    }

    private String utf8(int from, int to) {
        return new String(text, from, to - from, StandardCharsets.UTF_8);
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
