package flow.steps.convolve;

import java.nio.file.Path;

/**
 * Parses a row of space-separated decimals without building a String per value. Plain decimals
 * with at most 15 significant digits and 22 decimals take the exact fast path (an integer
 * mantissa divided by a power of ten: both exact, so the one division is correctly rounded);
 * anything else goes to {@link Double#parseDouble}.
 */
final class FastNumbers {
    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }

    private FastNumbers() {}

    static double[] parseRow(String line, Path file, int lineNo) {
        double[] values = new double[16];
        int count = 0;
        int n = line.length();
        int i = 0;
        while (true) {
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) i++;
            if (i >= n) break;
            int start = i;
            while (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t') i++;
            if (count == values.length) values = java.util.Arrays.copyOf(values, count * 2);
            values[count++] = parse(line, start, i, file, lineNo);
        }
        return java.util.Arrays.copyOf(values, count);
    }

    static double parse(String s, int from, int to, Path file, int lineNo) {
        int i = from;
        boolean negative = false;
        if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) negative = s.charAt(i++) == '-';
        long mantissa = 0;
        int digits = 0, decimals = 0;
        boolean dot = false, any = false;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                any = true;
                if (mantissa == 0 && c == '0') {
                    if (dot) decimals++;
                    continue;
                }
                if (++digits > 15) return slow(s, from, to, file, lineNo);
                mantissa = mantissa * 10 + (c - '0');
                if (dot) decimals++;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return slow(s, from, to, file, lineNo);
            }
        }
        if (!any) return slow(s, from, to, file, lineNo);
        if (decimals > 22) return slow(s, from, to, file, lineNo);
        double value = mantissa / POW10[decimals];
        return negative ? -value : value;
    }

    private static double slow(String s, int from, int to, Path file, int lineNo) {
        String token = s.substring(from, to);
        try {
            return Double.parseDouble(token);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ":" + lineNo + ": '" + token + "' is not a number");
        }
    }
}
