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
 * {@code tasks.tsv}: one line per task, {@code index, id, scan point (JSON), inputs...}. An input
 * is {@code size:modified:path} for a file or {@code @stage:from-to} for upstream tasks. Tabs,
 * newlines and backslashes in paths are escaped, so any file name survives.
 */
public final class TasksFile {
    static final String HEADER = "# index\tid\tscan\tinputs (size:mtime:path | @stage:from-to)";

    private TasksFile() {}

    public static String render(List<PlannedTask> tasks) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (PlannedTask t : tasks) {
            out.append(t.index()).append('\t').append(t.id()).append('\t').append(Json.compact(t.scan()));
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
        String prefix = index + "\t";
        try (BufferedReader in = Files.newBufferedReader(file)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith(prefix)) return parse(file, line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        throw new IllegalArgumentException(file + ": no task " + index);
    }

    @SuppressWarnings("unchecked")
    private static PlannedTask parse(Path file, String line) {
        String[] cols = line.split("\t", -1);
        if (cols.length < 3) throw new IllegalArgumentException(file + ": malformed line: " + line);
        List<InputFile> files = new ArrayList<>();
        List<UpstreamRef> refs = new ArrayList<>();
        for (int i = 3; i < cols.length; i++) {
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
        Map<String, Object> scan = new LinkedHashMap<>((Map<String, Object>) Json.parse(cols[2]));
        return new PlannedTask(Integer.parseInt(cols[0]), cols[1], files, refs, scan);
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    static String unescape(String s) {
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
