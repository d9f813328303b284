package flow.exec.condor;

import flow.util.ControlCharacters;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * HTCondor's "new syntax" for {@code arguments} and {@code environment} (FORMATS.md §2.4, §2.5):
 * the whole value in double quotes with {@code "} doubled; an element holding whitespace or a
 * {@code '} wrapped in single quotes with {@code '} doubled; backslash is not special.
 */
public final class CondorQuoting {
    private CondorQuoting() {}

    /**
     * A value flow writes into a submit description: a control character (a new line would start
     * a submit command of its own) is refused; each {@code $} is written {@code $(DOLLAR)}, which
     * condor_submit turns into a literal {@code $} after expanding macros, so no value is read as
     * a macro ({@code $(x)}, {@code $ENV(x)}) or a match-time {@code $$(x)}.
     */
    public static String literal(String what, String value) {
        refuseControlCharacters(what, value);
        return value.replace("$", "$(DOLLAR)");
    }

    /** A line of the profile's own submit language: taken as written, but one line only. */
    public static String siteLine(String value) {
        refuseControlCharacters("a 'condor' line of the profile", value);
        return value;
    }

    private static void refuseControlCharacters(String what, String value) {
        int at = ControlCharacters.firstIn(value);
        if (at >= 0) {
            throw new IllegalArgumentException(what + " holds a control character (" + String.format("\\x%02x", (int) value.charAt(at)) + " at "
                    + (at + 1) + "), which an HTCondor submit description cannot hold: " + ControlCharacters.shown(value));
        }
    }

    public static String arguments(List<String> argv) {
        return "\"" + argv.stream().map(CondorQuoting::element).collect(Collectors.joining(" ")).replace("\"", "\"\"") + "\"";
    }

    public static String environment(Map<String, String> variables) {
        return "\"" + variables.entrySet().stream().map(e -> element(e.getKey() + "=" + e.getValue()))
                .collect(Collectors.joining(" ")).replace("\"", "\"\"") + "\"";
    }

    /** A ClassAd string literal: {@code "..."} with {@code \} and {@code "} escaped. */
    public static String classAdString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String element(String value) {
        boolean wrap = value.isEmpty() || value.chars().anyMatch(c -> c == ' ' || c == '\t' || c == '\'');
        String doubled = value.replace("'", "''");
        return wrap ? "'" + doubled + "'" : doubled;
    }

    /** Splits a new-syntax value back into its elements (what condor_submit does with it). */
    public static List<String> parseArguments(String quoted) {
        if (quoted.length() < 2 || quoted.charAt(0) != '"' || quoted.charAt(quoted.length() - 1) != '"') {
            throw new IllegalArgumentException("not new-syntax arguments (must be wrapped in double quotes): " + quoted);
        }
        String body = quoted.substring(1, quoted.length() - 1);
        List<String> args = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inSingle = false;
        boolean any = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"') {
                if (i + 1 < body.length() && body.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                    any = true;
                    continue;
                }
                throw new IllegalArgumentException("a lone \" inside new-syntax arguments at " + (i + 1) + ": " + quoted);
            }
            if (c == '\'') {
                if (inSingle && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
                    current.append('\'');
                    i++;
                } else {
                    inSingle = !inSingle;
                }
                any = true;
            } else if (!inSingle && (c == ' ' || c == '\t')) {
                if (any) args.add(current.toString());
                current.setLength(0);
                any = false;
            } else {
                current.append(c);
                any = true;
            }
        }
        if (inSingle) throw new IllegalArgumentException("unterminated ' in new-syntax arguments: " + quoted);
        if (any) args.add(current.toString());
        return args;
    }
}
