package flow.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One dataset a stage's {@code discover} closure found: its name (what it is known by, across
 * ticks), its files (the task's inputs, possibly none) and its values (template variables, such
 * as {@code experiment} and {@code run}).
 */
public record Dataset(String name, List<Path> files, Map<String, Object> values) {
    /** The variable that holds a dataset's name in its task's point. */
    public static final String NAME = "dataset";

    /** The dataset's task point: its name, then its values. */
    public Map<String, Object> point() {
        Map<String, Object> point = new java.util.LinkedHashMap<>();
        point.put(NAME, name);
        point.putAll(values);
        return point;
    }
}
