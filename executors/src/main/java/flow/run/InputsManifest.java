package flow.run;

import flow.util.AtomicFiles;
import flow.util.Json;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a task that consumes upstream outputs got, upstream task by upstream task, with the
 * scan point that produced them: {@code inputs.json} ({@code ${inputsManifest}}) and
 * {@code inputs.tsv} ({@code ${inputsTable}}, one row per file, a column per point value; fields
 * holding a tab, a new line or a quote are quoted as CSV quotes them, which pandas reads) in the
 * task's directory. An aggregation step reads which point made which file here, not from names.
 */
public final class InputsManifest {
    public static final String JSON = "inputs.json", TABLE = "inputs.tsv";

    /** One upstream task: its stage, index, point, and the output files the task received. */
    public record Entry(String stage, int index, Map<String, Object> point, List<Path> files) {
        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("stage", stage);
            json.put("index", index);
            json.put("point", point);
            json.put("files", files.stream().map(Path::toString).toList());
            return json;
        }

        @SuppressWarnings("unchecked")
        static Entry fromJson(Map<String, Object> json) {
            return new Entry((String) json.get("stage"), ((Number) json.get("index")).intValue(),
                    (Map<String, Object>) json.get("point"), ((List<String>) json.get("files")).stream().map(Path::of).toList());
        }
    }

    private InputsManifest() {}

    static void write(Path taskDir, List<Entry> entries) {
        AtomicFiles.write(taskDir.resolve(JSON), Json.pretty(entries.stream().map(Entry::toJson).toList()) + "\n");
        AtomicFiles.write(taskDir.resolve(TABLE), table(entries));
    }

    static String table(List<Entry> entries) {
        Set<String> axes = new LinkedHashSet<>();
        entries.forEach(e -> axes.addAll(e.point().keySet()));
        List<String> header = new ArrayList<>(List.of("stage", "index"));
        header.addAll(axes);
        header.add("file");
        StringBuilder text = new StringBuilder(row(header));
        for (Entry e : entries) {
            for (Path file : e.files()) {
                List<String> fields = new ArrayList<>(List.of(e.stage(), String.valueOf(e.index())));
                axes.forEach(axis -> fields.add(e.point().containsKey(axis) ? String.valueOf(e.point().get(axis)) : ""));
                fields.add(file.toString());
                text.append(row(fields));
            }
        }
        return text.toString();
    }

    private static String row(List<String> fields) {
        List<String> quoted = fields.stream().map(f -> f.matches("(?s).*[\t\n\r\"].*") ? '"' + f.replace("\"", "\"\"") + '"' : f).toList();
        return String.join("\t", quoted) + "\n";
    }
}
