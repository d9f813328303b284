package flow.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a stage's outputs go once a task is DONE ({@code publish 'DIR'} or
 * {@code publish 'root://host//dir/'}): each output copied (or linked, or moved, for a local
 * directory) to {@code target}, under its own name or the name {@code as} makes of it.
 *
 * @param as     a name template: {@code ${file}} (the output's path in the task's out/), {@code ${name}}
 *               (its file name), {@code ${stage}}, {@code ${index}} and the task's point values; null keeps the path
 * @param naming a closure of the .flow file that names each output instead ({@code as: { task, file -> ... }}), or null;
 *               {@link #FROM_FLOW_FILE} where the spec was read back from run.json, which cannot hold code
 */
public record PublishSpec(String target, String mode, boolean overwrite, String as, Naming naming, SourceLocation at) {
    public static final List<String> MODES = List.of("copy", "link", "move");

    /** Names an output's target from its task ({@code stage}, {@code index} and its point values) and its path in out/. */
    @FunctionalInterface
    public interface Naming {
        String name(Map<String, Object> task, String file);
    }

    /** The naming of a spec read back from run.json: its closure is in the .flow file, which must be loaded again. */
    public static final Naming FROM_FLOW_FILE = (task, file) -> {
        throw new IllegalStateException("targets are named by a closure of the .flow file, which was not loaded");
    };

    /** This spec naming its targets by {@code closure}. */
    public PublishSpec withNaming(Naming closure) {
        return new PublishSpec(target, mode, overwrite, as, closure, at);
    }

    /** This spec publishing to {@code other} instead. */
    public PublishSpec withTarget(String other) {
        return new PublishSpec(other, mode, overwrite, as, naming, at);
    }

    public boolean remote() {
        return flow.remote.XrootdUrl.is(target);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("target", target);
        json.put("mode", mode);
        json.put("overwrite", overwrite);
        if (as != null) json.put("as", as);
        if (naming != null) json.put("asClosure", true);
        return json;
    }

    public static PublishSpec fromJson(Map<String, Object> json) {
        return json == null ? null : new PublishSpec((String) json.get("target"), (String) json.get("mode"),
                Boolean.TRUE.equals(json.get("overwrite")), (String) json.get("as"),
                Boolean.TRUE.equals(json.get("asClosure")) ? FROM_FLOW_FILE : null, null);
    }

    /** The target name of an output: what the closure or {@code as} makes of it, or its own path. */
    public String name(String file, String stage, int index, Map<String, Object> point) {
        if (naming != null) {
            Map<String, Object> task = new LinkedHashMap<>(point);
            task.put("stage", stage);
            task.put("index", index);
            Object name = naming.name(java.util.Collections.unmodifiableMap(task), file);
            return name == null ? null : String.valueOf(name);
        }
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
