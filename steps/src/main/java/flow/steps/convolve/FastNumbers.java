package flow.steps.convolve;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Parses rows of space-separated decimals straight from bytes. {@code 0.0}, most of a cluster,
 * is recognised as such; other plain decimals with at most 15 significant digits and 22
 * decimals take the exact fast path (an integer mantissa divided by a power of ten: both exact,
 * so the one division is correctly rounded); anything else goes to {@link Double#parseDouble}.
 */
final class FastNumbers {
    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }

    private FastNumbers() {}

    /**
     * Parses the row {@code b[from .. to)} into {@code dest[offset ..]}, storing at most {@code max}
     * values; returns how many the row has (all are checked).
     */
    static int parseRow(byte[] b, int from, int to, double[] dest, int offset, int max, Path file, int lineNo) {
        int count = 0;
        int i = from;
        while (true) {
            while (i < to && (b[i] == ' ' || b[i] == '\t')) i++;
            if (i >= to) return count;
            double value;
            if (i + 3 <= to && b[i] == '0' && b[i + 1] == '.' && b[i + 2] == '0' && (i + 3 == to || b[i + 3] == ' ' || b[i + 3] == '\t')) {
                value = 0;
                i += 3;
            } else {
                int start = i;
                while (i < to && b[i] != ' ' && b[i] != '\t') i++;
                value = parse(b, start, i, file, lineNo);
            }
            if (count < max) dest[offset + count] = value;
            count++;
        }
    }

    /** How many values the row {@code b[from .. to)} has. */
    static int count(byte[] b, int from, int to) {
        int count = 0;
        boolean inToken = false;
        for (int i = from; i < to; i++) {
            boolean blank = b[i] == ' ' || b[i] == '\t';
            if (!blank && !inToken) count++;
            inToken = !blank;
        }
        return count;
    }

    static double parse(byte[] b, int from, int to, Path file, int lineNo) {
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) negative = b[i++] == '-';
        long mantissa = 0;
        int digits = 0, decimals = 0;
        boolean dot = false, any = false;
        for (; i < to; i++) {
            int c = b[i];
            if (c >= '0' && c <= '9') {
                any = true;
                if (mantissa == 0 && c == '0') {
                    if (dot) decimals++;
                    continue;
                }
                if (++digits > 15) return slow(b, from, to, file, lineNo);
                mantissa = mantissa * 10 + (c - '0');
                if (dot) decimals++;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return slow(b, from, to, file, lineNo);
            }
        }
        if (!any || decimals > 22) return slow(b, from, to, file, lineNo);
        double value = mantissa / POW10[decimals];
        return negative ? -value : value;
    }

    private static double slow(byte[] b, int from, int to, Path file, int lineNo) {
        String token = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        try {
            return Double.parseDouble(token);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ":" + lineNo + ": '" + token + "' is not a number");
        }
    }
}
