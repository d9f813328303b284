package flow.util;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory and time as written in profiles ({@code 4g}, {@code 512m}; {@code 2h}, {@code 30m}, {@code 1-00:00:00}). */
public final class Quantities {
    private static final Pattern MEMORY = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)b?");
    private static final Pattern UNITS = Pattern.compile("(\\d+)([dhms])");

    private Quantities() {}

    /** Megabytes, rounded up; a bare number is megabytes; no memory at all is refused. */
    public static long megabytes(Object memory) {
        String text = String.valueOf(memory).strip().toLowerCase(Locale.ROOT);
        Matcher m = MEMORY.matcher(text);
        if (!m.matches()) throw new IllegalArgumentException("memory '" + memory + "': expected e.g. 512m, 4g");
        double value = Double.parseDouble(m.group(1));
        double mb = switch (m.group(2)) {
            case "k" -> value / 1024;
            case "g" -> value * 1024;
            case "t" -> value * 1024 * 1024;
            default -> value;
        };
        if (!(mb > 0)) throw new IllegalArgumentException("memory '" + memory + "': must be more than nothing");
        return (long) Math.ceil(mb);
    }

    /** Whole minutes, rounded up; a bare number is minutes; also {@code [D-]HH:MM:SS} and {@code 1h30m}. */
    public static long minutes(Object time) {
        return (seconds(time) + 59) / 60;
    }

    /** Seconds, written as for {@link #minutes}: a bare number is minutes, {@code 30s} seconds. */
    public static long seconds(Object time) {
        String text = String.valueOf(time).strip().toLowerCase(Locale.ROOT);
        if (text.matches("\\d+")) return Long.parseLong(text) * 60;
        if (text.matches("(\\d+-)?\\d+(:\\d+){1,2}")) {
            long days = 0;
            int dash = text.indexOf('-');
            if (dash > 0) {
                days = Long.parseLong(text.substring(0, dash));
                text = text.substring(dash + 1);
            }
            String[] parts = text.split(":");
            long seconds = parts.length == 3
                    ? Long.parseLong(parts[0]) * 3600 + Long.parseLong(parts[1]) * 60 + Long.parseLong(parts[2])
                    : Long.parseLong(parts[0]) * 60 + Long.parseLong(parts[1]);
            return days * 86400 + seconds;
        }
        Matcher m = UNITS.matcher(text);
        long seconds = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) break;
            long n = Long.parseLong(m.group(1));
            seconds += switch (m.group(2)) {
                case "d" -> n * 86400;
                case "h" -> n * 3600;
                case "m" -> n * 60;
                default -> n;
            };
            end = m.end();
        }
        if (end != text.length() || end == 0) throw new IllegalArgumentException("time '" + time + "': expected e.g. 30m, 2h, 1d, 01:30:00");
        return seconds;
    }
}
