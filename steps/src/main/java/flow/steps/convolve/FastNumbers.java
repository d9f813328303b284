package flow.steps.convolve;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Parses decimal numbers straight from bytes. {@code 0.0}, most of a cluster, is recognised as
 * such; a number with at most 15 significant digits whose decimal exponent (after the point and
 * any {@code e}) is within ±22 takes the exact fast path (Clinger's: an integer mantissa times or
 * divided by a power of ten, both exact, so the one operation rounds correctly); anything else
 * goes to {@link Double#parseDouble}.
 */
final class FastNumbers {
    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }

    private FastNumbers() {}

    /**
     * Parses the row of blank-separated numbers {@code b[from .. to)} into {@code dest[offset ..]},
     * storing at most {@code max} values; returns how many values the row has (all are checked).
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
                try {
                    value = parse(b, start, i);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ":" + lineNo + ": " + e.getMessage() + " is not a number");
                }
            }
            if (count < max) dest[offset + count] = value;
            count++;
        }
    }

    /** How many blank-separated values the row {@code b[from .. to)} has. */
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

    /** @throws NumberFormatException naming the token in quotes, if it is not a number */
    static double parse(byte[] b, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) negative = b[i++] == '-';
        long mantissa = 0;
        int digits = 0, power = 0;
        boolean dot = false, any = false;
        for (; i < to; i++) {
            int c = b[i];
            if (c >= '0' && c <= '9') {
                any = true;
                if (dot) power--;
                if (mantissa == 0 && c == '0') continue;
                if (++digits > 15) return slow(b, from, to);
                mantissa = mantissa * 10 + (c - '0');
            } else if (c == '.' && !dot) {
                dot = true;
            } else if ((c == 'e' || c == 'E') && any) {
                int exponent = exponent(b, i + 1, to);
                if (exponent == Integer.MIN_VALUE) return slow(b, from, to);
                power += exponent;
                break;
            } else {
                return slow(b, from, to);
            }
        }
        if (!any || power < -22 || power > 22) return slow(b, from, to);
        double value = power < 0 ? mantissa / POW10[-power] : mantissa * POW10[power];
        return negative ? -value : value;
    }

    /** A short signed exponent {@code b[from .. to)}, or MIN_VALUE if it is anything else. */
    private static int exponent(byte[] b, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) negative = b[i++] == '-';
        if (i == to || to - i > 3) return Integer.MIN_VALUE;
        int exponent = 0;
        for (; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') return Integer.MIN_VALUE;
            exponent = exponent * 10 + (b[i] - '0');
        }
        return negative ? -exponent : exponent;
    }

    private static double slow(byte[] b, int from, int to) {
        try {
            return JavaDoubleParser.parseDouble(b, from, to - from);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("'" + new String(b, from, to - from, StandardCharsets.ISO_8859_1) + "'");
        }
    }
}
