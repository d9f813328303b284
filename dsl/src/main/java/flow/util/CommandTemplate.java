package flow.util;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * A bash command with {@code ${name}} or {@code ${params.name}} placeholders. Each value is
 * written for the quoting it stands in ({@link ShellContexts}), so that bash reads back exactly
 * the value and never runs any of it: unquoted, each value one quoted word (a list several);
 * inside {@code "..."}, {@code \ $ ` "} escaped; inside {@code '...'}, each {@code '} closed,
 * escaped and reopened; inside {@code $'...'}, {@code \} and {@code '} escaped; in a comment,
 * left as written. Where no quoting is safe ({@link #unsafePlaceholders}) the command is
 * refused; the task's environment ({@link #environmentName}) carries every value there.
 * {@code $name} without braces is left to the shell.
 */
public final class CommandTemplate {
    private final String text;
    private final List<ShellContexts.Placeholder> placeholders;

    public CommandTemplate(String text) {
        this.text = text;
        this.placeholders = ShellContexts.of(text);
    }

    /** The placeholder names in order of first use, e.g. {@code inputs}, {@code params.threshold}. */
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = ShellContexts.PLACEHOLDER.matcher(text);
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

    /** Why each placeholder that no quoting can keep from running stands where it does. */
    public List<String> unsafePlaceholders() {
        List<String> problems = new ArrayList<>();
        for (ShellContexts.Placeholder p : placeholders) {
            if (p.quoting() != ShellContexts.Quoting.UNSAFE) continue;
            problems.add("${" + p.name() + "} on line " + p.line() + " of the command is inside " + p.unsafe()
                    + ", where bash would run its value as code: use the environment variable $" + environmentName(p.name())
                    + " there (always set" + (p.name().equals("inputs") ? ": a file of NUL-terminated names)" : ")"));
        }
        return problems;
    }

    /**
     * The environment variable a task's commands find a template variable's value in:
     * {@code outDir} is {@code FLOW_OUT_DIR}, {@code params.threshold} {@code FLOW_PARAMS_THRESHOLD},
     * and a list ({@code inputs}) the file naming its items, {@code FLOW_INPUTS_FILE}.
     */
    public static String environmentName(String variable) {
        String snake = variable.replace('.', '_').replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
        return "FLOW_" + snake + (variable.equals("inputs") ? "_FILE" : "");
    }

    /** The command with each value written for its place; refuses a command with an unsafe placeholder. */
    public String render(Map<String, Object> variables) {
        List<String> unsafe = unsafePlaceholders();
        if (!unsafe.isEmpty()) throw new IllegalArgumentException(unsafe.get(0));
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (ShellContexts.Placeholder p : placeholders) {
            out.append(text, at, p.start());
            out.append(p.quoting() == ShellContexts.Quoting.COMMENT ? text.substring(p.start(), p.end())
                    : written(lookup(variables, p.name()), p.quoting()));
            at = p.end();
        }
        return out.append(text.substring(at)).toString();
    }

    private static String written(Object value, ShellContexts.Quoting quoting) {
        if (quoting == ShellContexts.Quoting.WORD) {
            return value instanceof Collection<?> list ? Shell.quoteAll(list) : Shell.quote(String.valueOf(value));
        }
        String joined = value instanceof Collection<?> list
                ? list.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(" ")) : String.valueOf(value);
        return switch (quoting) {
            case DOUBLE -> joined.replaceAll("([\\\\$`\"])", "\\\\$1");
            case SINGLE -> joined.replace("'", "'\\''");
            case ANSI_C -> joined.replace("\\", "\\\\").replace("'", "\\'");
            default -> throw new IllegalStateException("no value is written in " + quoting);
        };
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
}
