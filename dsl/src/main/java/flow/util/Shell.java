package flow.util;

import java.util.Collection;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** POSIX shell quoting for generated scripts. */
public final class Shell {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private Shell() {}

    /** One shell word that the shell reads back as exactly {@code value}. */
    public static String quote(String value) {
        if (!value.isEmpty() && SAFE.matcher(value).matches()) return value;
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** Each value quoted, joined by single spaces. */
    public static String quoteAll(Collection<?> values) {
        return values.stream().map(v -> quote(String.valueOf(v))).collect(Collectors.joining(" "));
    }
}
