package flow.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code stages/<stage>/results.idx}: what a resume needs of each successful {@code result.json}
 * (identity, recipe, outputs, upstream digests), appended by the head as tasks end, so that a
 * resume of a large run reads one file instead of every result. It is only a cache: an entry
 * counts only while its result.json still has the size, modification time and file (inode) it
 * had when the entry was written; any rewrite of the result (always a new file, renamed into
 * place) makes the resume read the result itself. A line a crash cut short is skipped.
 */
public final class ResultIndex {
    private static final String FIELD = "\t", ITEM = "\u001f";

    /** The part of a successful result a resume judges by. */
    public record Entry(String id, String recipe, String outputsDigest, List<String> outputs, List<TaskResult.UpstreamUse> upstream) {
        static Entry of(TaskResult r) {
            return new Entry(r.id(), r.recipe(), r.outputsDigest(), r.outputs().stream().map(TaskResult.Output::path).toList(), r.upstream());
        }
    }

    private final Map<Integer, String[]> lines;
    private final RunDir run;
    private final String stage;

    private ResultIndex(RunDir run, String stage, Map<Integer, String[]> lines) {
        this.run = run;
        this.stage = stage;
        this.lines = lines;
    }

    static Path file(RunDir run, String stage) {
        return run.stageDir(stage).resolve("results.idx");
    }

    /** Appends the entry of a successful result just written to its result.json (a failed one has none). */
    public static void append(RunDir run, TaskResult result) {
        if (!result.succeeded()) return;
        Path json = run.resultJson(result.stage(), result.index());
        try {
            StringBuilder line = new StringBuilder().append(result.index()).append(FIELD).append(stamp(json)).append(FIELD)
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
            line.append('\n');
            Files.write(file(run, result.stage()), line.toString().getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index " + json, e);
        }
    }

    /** The stage's index as written; empty if there is none. */
    public static ResultIndex load(RunDir run, String stage) {
        Map<Integer, String[]> lines = new HashMap<>();
        Path file = file(run, stage);
        if (Files.exists(file)) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line; (line = in.readLine()) != null; ) {
                    String[] cols = line.split(FIELD, -1);
                    if (cols.length != 8) continue; // cut short by a crash
                    try {
                        lines.put(Integer.parseInt(cols[0]), cols);
                    } catch (NumberFormatException torn) {
                        // not a line the head wrote whole
                    }
                }
            } catch (IOException | UncheckedIOException unreadable) {
                lines.clear(); // only a cache: the results themselves are read
            }
        }
        return new ResultIndex(run, stage, lines);
    }

    /** The task's entry, if the index has one for the result.json that is there now. */
    public Optional<Entry> entry(int index) {
        String[] cols = lines.get(index);
        if (cols == null) return Optional.empty();
        try {
            if (!(cols[1] + FIELD + cols[2]).equals(stamp(run.resultJson(stage, index)))) return Optional.empty();
        } catch (IOException gone) {
            return Optional.empty();
        }
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
        return Optional.of(new Entry(cols[3], cols[4], cols[5], outputs, upstream));
    }

    /** size, then modification time (ns) and file key: what changes whenever result.json is written anew. */
    private static String stamp(Path json) throws IOException {
        BasicFileAttributes a = Files.readAttributes(json, BasicFileAttributes.class);
        return a.size() + FIELD + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "@" + Objects.toString(a.fileKey(), "");
    }
}
