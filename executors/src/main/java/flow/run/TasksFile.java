package flow.run;

import flow.plan.InputFile;
import flow.plan.PlannedTask;
import flow.plan.UpstreamRef;
import flow.util.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tasks.tsv}: one line per task, {@code index, id, recipe, scan point (JSON), state
 * (live or removed), inputs...}. An input
 * is {@code size:modified:path} for a file or {@code @stage:from-to} for upstream tasks. Tabs,
 * newlines, carriage returns and backslashes in paths are escaped, so any file name survives
 * and a line is a line to any reader.
 */
public final class TasksFile {
    static final String HEADER = "# index\tid\trecipe\tscan\tstate\tinputs (size:mtime:path | @stage:from-to)";
    private static final int FIRST_INPUT = 5;

    private TasksFile() {}

    public static String render(List<PlannedTask> tasks) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (PlannedTask t : tasks) {
            out.append(t.index()).append('\t').append(t.id()).append('\t').append(t.recipe()).append('\t')
                    .append(Json.compact(t.scan())).append('\t').append(t.removed() ? "removed" : "live");
            for (InputFile f : t.files()) {
                out.append('\t').append(f.size()).append(':').append(f.modified()).append(':').append(escape(f.path()));
            }
            for (UpstreamRef r : t.upstream()) {
                out.append("\t@").append(r.stage()).append(':').append(r.from()).append('-').append(r.to());
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Reads the line of one task (workers need only theirs). */
    public static PlannedTask read(Path file, int index) {
        return read(file, List.of(index)).get(0);
    }

    /** Reads the lines of some tasks (a batch job's), in the order asked: split as {@link #readAll} splits them. */
    public static List<PlannedTask> read(Path file, List<Integer> indices) {
        List<PlannedTask> all = readAll(file);
        return indices.stream().map(index -> {
            PlannedTask task = index < all.size() ? all.get(index) : null;
            if (task == null || task.index() != index) throw new IllegalArgumentException(file + ": no task " + index);
            return task;
        }).toList();
    }

    /**
     * Every task of a stage, in index order; none if the stage has no tasks.tsv yet. The file is
     * kept as read, and each line is parsed when its task is asked for: a resume of a large run
     * compares most tasks once, and a line is far smaller than its task (and one array of them
     * far cheaper to keep than a string each).
     */
    public static List<PlannedTask> readAll(Path file) {
        if (!Files.exists(file)) return List.of();
        byte[] text;
        try {
            text = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        int[] starts = new int[1024], ends = new int[1024];
        int count = 0;
        for (int start = 0, end; start < text.length; start = end + 1) {
            end = ByteText.indexOf(text, '\n', start, text.length);
            if (end < 0) end = text.length;
            if (end == start || text[start] == '#') continue;
            if (count == starts.length) {
                starts = java.util.Arrays.copyOf(starts, count * 2);
                ends = java.util.Arrays.copyOf(ends, count * 2);
            }
            starts[count] = start;
            ends[count++] = end;
        }
        int[] lineStarts = starts, lineEnds = ends;
        int lines = count;
        return new java.util.AbstractList<>() {
            /** The recipe of the task read last: a stage's tasks mostly share one (a scan, one per point), and so share its string. */
            private volatile String recipe;

            @Override
            public PlannedTask get(int i) {
                java.util.Objects.checkIndex(i, lines);
                PlannedTask task = parse(file, new String(text, lineStarts[i], lineEnds[i] - lineStarts[i], StandardCharsets.UTF_8), recipe);
                recipe = task.recipe();
                return task;
            }

            @Override
            public int size() {
                return lines;
            }
        };
    }

    /**
     * A task's line, read column by column in place: a resume parses 100,000 of them.
     *
     * @param sharedRecipe a recipe to use rather than a copy if the line has it, or null
     */
    @SuppressWarnings("unchecked")
    private static PlannedTask parse(Path file, String line, String sharedRecipe) {
        int[] starts = new int[FIRST_INPUT];
        for (int column = 1; column < FIRST_INPUT; column++) {
            int tab = line.indexOf('\t', starts[column - 1]);
            if (tab < 0) throw new IllegalArgumentException(file + ": malformed line: " + line);
            starts[column] = tab + 1;
        }
        int stateEnd = columnEnd(line, starts[4]);
        List<InputFile> files = List.of();
        List<UpstreamRef> refs = List.of();
        for (int from = stateEnd + 1, to; from <= line.length() && stateEnd < line.length(); from = to + 1) {
            to = columnEnd(line, from);
            if (line.startsWith("@", from)) {
                int colon = line.lastIndexOf(':', to - 1);
                int dash = line.lastIndexOf('-', to - 1);
                refs = plus(refs, new UpstreamRef(line.substring(from + 1, colon), Integer.parseInt(line, colon + 1, dash, 10),
                        Integer.parseInt(line, dash + 1, to, 10)));
            } else {
                int a = line.indexOf(':', from);
                int b = line.indexOf(':', a + 1);
                files = plus(files, new InputFile(unescape(line.substring(b + 1, to)), Long.parseLong(line, from, a, 10), Long.parseLong(line, a + 1, b, 10)));
            }
        }
        String scanText = line.substring(starts[3], starts[4] - 1);
        Map<String, Object> scan = scanText.equals("{}") ? Map.of() : new LinkedHashMap<>((Map<String, Object>) Json.parse(scanText));
        int recipeLength = starts[3] - 1 - starts[2];
        String recipe = sharedRecipe != null && sharedRecipe.length() == recipeLength && line.startsWith(sharedRecipe, starts[2])
                ? sharedRecipe : line.substring(starts[2], starts[3] - 1);
        return new PlannedTask(Integer.parseInt(line, 0, starts[1] - 1, 10), line.substring(starts[1], starts[2] - 1),
                recipe, files, refs, scan, line.startsWith("removed", starts[4]) && stateEnd - starts[4] == 7);
    }

    /** The list with one more item: most tasks read one input, which needs no growable list. */
    private static <T> List<T> plus(List<T> list, T item) {
        if (list.isEmpty()) return List.of(item);
        List<T> more = list instanceof ArrayList<T> growable ? growable : new ArrayList<>(list);
        more.add(item);
        return more;
    }

    /** Where the column starting at {@code from} ends: at the next tab, else at the line's end. */
    private static int columnEnd(String line, int from) {
        int tab = line.indexOf('\t', from);
        return tab < 0 ? line.length() : tab;
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
