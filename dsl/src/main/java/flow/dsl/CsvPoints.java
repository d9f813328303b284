package flow.dsl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scan points given one per row of a CSV file, the header naming them: {@code pt,threshold}
 * then {@code 0,4000}. Cells are typed as YAML types them and kept as written
 * ({@link YamlValues#typed}). Plain cells only: no quoting, so no cell holds a comma. Blank lines
 * and lines starting with {@code #} are skipped. Errors name the file and line.
 */
public final class CsvPoints {
    private CsvPoints() {}

    public static List<Map<String, Object>> load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new FlowDslException(file + ": cannot read: " + e.getMessage());
        }
        List<String> header = null;
        List<Map<String, Object>> points = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String where = file + ":" + (n + 1) + ": ";
            if (line.contains("\"")) throw new FlowDslException(where + "quoted cells are not read: write plain values, without commas in them");
            List<String> cells = List.of(line.split(",", -1)).stream().map(String::strip).toList();
            if (header == null) {
                if (cells.stream().anyMatch(String::isEmpty)) throw new FlowDslException(where + "expected a header of names, one per column");
                header = cells;
                continue;
            }
            if (cells.size() != header.size()) {
                throw new FlowDslException(where + "expected " + header.size() + " values (" + String.join(",", header) + "), got " + cells.size());
            }
            Map<String, Object> point = new LinkedHashMap<>();
            for (int c = 0; c < cells.size(); c++) point.put(header.get(c), YamlValues.typed(cells.get(c)));
            points.add(point);
        }
        if (points.isEmpty()) throw new FlowDslException(file + ": no points: expected a header line, then one line per point");
        return points;
    }
}
