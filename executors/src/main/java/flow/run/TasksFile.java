package flow.run;

import flow.plan.InputFile;
import flow.plan.PlannedTask;
import flow.plan.UpstreamRef;
import flow.util.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * newlines and backslashes in paths are escaped, so any file name survives.
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

    /** Reads the lines of some tasks (a batch job's), in one pass, in the order asked. */
    public static List<PlannedTask> read(Path file, List<Integer> indices) {
        java.util.Map<Integer, PlannedTask> found = new java.util.HashMap<>();
        java.util.Set<Integer> wanted = new java.util.HashSet<>(indices);
        try (BufferedReader in = Files.newBufferedReader(file)) {
            for (String line; (line = in.readLine()) != null && found.size() < wanted.size(); ) {
                int tab = line.indexOf('\t');
                if (tab <= 0 || line.startsWith("#")) continue;
                int index = Integer.parseInt(line.substring(0, tab));
                if (wanted.contains(index)) found.put(index, parse(file, line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        for (int index : indices) if (!found.containsKey(index)) throw new IllegalArgumentException(file + ": no task " + index);
        return indices.stream().map(found::get).toList();
    }

    /**
     * Every task of a stage, in index order; none if the stage has no tasks.tsv yet. Each line is
     * parsed when its task is asked for: a resume of a large run compares most tasks once, and
     * a line is far smaller than its task.
     */
    public static List<PlannedTask> readAll(Path file) {
        List<String> lines = new ArrayList<>();
        if (!Files.exists(file)) return List.of();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.startsWith("#") && !line.isEmpty()) lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new java.util.AbstractList<>() {
            @Override
            public PlannedTask get(int i) {
                return parse(file, lines.get(i));
            }

            @Override
            public int size() {
                return lines.size();
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static PlannedTask parse(Path file, String line) {
        String[] cols = line.split("\t", -1);
        if (cols.length < FIRST_INPUT) throw new IllegalArgumentException(file + ": malformed line: " + line);
        List<InputFile> files = new ArrayList<>();
        List<UpstreamRef> refs = new ArrayList<>();
        for (int i = FIRST_INPUT; i < cols.length; i++) {
            String col = cols[i];
            if (col.startsWith("@")) {
                int colon = col.lastIndexOf(':');
                int dash = col.lastIndexOf('-');
                refs.add(new UpstreamRef(col.substring(1, colon), Integer.parseInt(col.substring(colon + 1, dash)),
                        Integer.parseInt(col.substring(dash + 1))));
            } else {
                int a = col.indexOf(':');
                int b = col.indexOf(':', a + 1);
                files.add(new InputFile(unescape(col.substring(b + 1)), Long.parseLong(col.substring(0, a)),
                        Long.parseLong(col.substring(a + 1, b))));
            }
        }
        Map<String, Object> scan = cols[3].equals("{}") ? Map.of() : new LinkedHashMap<>((Map<String, Object>) Json.parse(cols[3]));
        return new PlannedTask(Integer.parseInt(cols[0]), cols[1], cols[2], files, refs, scan, cols[4].equals("removed"));
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
