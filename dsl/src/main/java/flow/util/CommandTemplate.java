package flow.util;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command with {@code ${name}} or {@code ${params.name}} placeholders. Each value is rendered
 * as shell-quoted words (a list as several words), so file names with spaces, quotes or
 * {@code ;} reach the command intact. {@code $name} without braces is left to the shell.
 */
public final class CommandTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)?)}");

    private final String text;

    public CommandTemplate(String text) {
        this.text = text;
    }

    /** The placeholder names in order of first use, e.g. {@code inputs}, {@code params.threshold}. */
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    /** Placeholders that {@code variables} cannot fill (a {@code params.x} needs x in params). */
    public List<String> unknownPlaceholders(Set<String> variables, Set<String> paramNames) {
        List<String> unknown = new ArrayList<>();
        for (String name : placeholders()) {
            boolean known = name.startsWith("params.")
                    ? paramNames.contains(name.substring("params.".length()))
                    : variables.contains(name);
            if (!known) unknown.add(name);
        }
        return unknown;
    }

    public String render(Map<String, Object> variables) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(words(lookup(variables, m.group(1)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Object lookup(Map<String, Object> variables, String name) {
        int dot = name.indexOf('.');
        if (dot < 0) return require(variables, name, name);
        Object scope = require(variables, name.substring(0, dot), name);
        if (!(scope instanceof Map<?, ?> map)) throw new IllegalArgumentException("no variable ${" + name + "}");
        Object value = map.get(name.substring(dot + 1));
        if (value == null) throw new IllegalArgumentException("no variable ${" + name + "}");
        return value;
    }

    private static Object require(Map<String, Object> variables, String key, String name) {
        Object value = variables.get(key);
        if (value == null) throw new IllegalArgumentException("no variable ${" + name + "}");
        return value;
    }

    private static String words(Object value) {
        return value instanceof Collection<?> list ? Shell.quoteAll(list) : Shell.quote(String.valueOf(value));
    }
}
