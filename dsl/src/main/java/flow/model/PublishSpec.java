package flow.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a stage's outputs go once a task is DONE ({@code publish 'DIR'} or
 * {@code publish 'root://host//dir/'}): each output copied (or linked, or moved, for a local
 * directory) to {@code target}, under its own name or the name {@code as} makes of it.
 *
 * @param as a name template: {@code ${file}} (the output's path in the task's out/), {@code ${name}}
 *           (its file name), {@code ${stage}}, {@code ${index}} and the task's point values; null keeps the path
 */
public record PublishSpec(String target, String mode, boolean overwrite, String as, SourceLocation at) {
    public static final List<String> MODES = List.of("copy", "link", "move");

    public boolean remote() {
        return flow.remote.XrootdUrl.is(target);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("target", target);
        json.put("mode", mode);
        json.put("overwrite", overwrite);
        if (as != null) json.put("as", as);
        return json;
    }

    public static PublishSpec fromJson(Map<String, Object> json) {
        return json == null ? null : new PublishSpec((String) json.get("target"), (String) json.get("mode"),
                Boolean.TRUE.equals(json.get("overwrite")), (String) json.get("as"), null);
    }

    /** The target name of an output: {@code as} filled in, or the output's own path. */
    public String name(String file, String stage, int index, Map<String, Object> point) {
        if (as == null) return file;
        Map<String, Object> values = new LinkedHashMap<>(point);
        values.put("file", file);
        values.put("name", file.substring(file.lastIndexOf('/') + 1));
        values.put("stage", stage);
        values.put("index", index);
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}").matcher(as);
        while (m.find()) {
            Object value = values.get(m.group(1));
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value == null ? m.group() : String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
