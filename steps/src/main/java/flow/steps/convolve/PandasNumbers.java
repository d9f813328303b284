package flow.steps.convolve;

import java.nio.charset.StandardCharsets;

/**
 * Decimal numbers read the way the original reads its pulse table: {@code pandas.to_numeric} of
 * string cells, whose parser ({@code precise_xstrtod} of pandas 1.x) is not correctly rounded.
 * It gathers at most 17 digits into a double, one {@code ·10 + digit} at a time, and then
 * multiplies or divides once by a correctly rounded power of ten. On the shared pulse table a
 * quarter of the cells come out a unit in the last place away from {@link Double#parseDouble}
 * ({@code 7.500000000000001e-10} reads as {@code 7.5e-10}), and a time next to the 50 ns or
 * 375 ns edge of the pulse window can fall on the other side of it, moving the whole pulse.
 * Cells written as plain integers go through pandas' integer path, which is exact; here they
 * take the same arithmetic, which is exact too up to 15 digits.
 */
final class PandasNumbers {
    private static final int MAX_DIGITS = 17;
    private static final double[] POW10 = new double[309];

    static {
        for (int i = 0; i < POW10.length; i++) POW10[i] = Double.parseDouble("1e" + i);
    }

    private PandasNumbers() {}

    /** @throws NumberFormatException naming the token in quotes, if pandas would not read it as a number */
    static double parse(byte[] b, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) negative = b[i++] == '-';
        double number = 0;
        int exponent = 0, digits = 0;
        for (; i < to && isDigit(b[i]); i++) {
            if (digits < MAX_DIGITS) {
                number = number * 10. + (b[i] - '0');
                digits++;
            } else {
                exponent++; // a digit past the 17th only scales the number
            }
        }
        if (i < to && b[i] == '.') {
            i++;
            for (; i < to && digits < MAX_DIGITS && isDigit(b[i]); i++) {
                number = number * 10. + (b[i] - '0');
                digits++;
                exponent--;
            }
            while (i < to && isDigit(b[i])) i++; // decimals past the 17th digit are dropped
        }
        if (digits == 0) throw notANumber(b, from, to);
        if (negative) number = -number;
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < to && (b[i] == '-' || b[i] == '+')) negativeExponent = b[i++] == '-';
            int n = 0, exponentDigits = 0;
            for (; i < to && exponentDigits < MAX_DIGITS && isDigit(b[i]); i++, exponentDigits++) n = n * 10 + (b[i] - '0');
            if (exponentDigits == 0) throw notANumber(b, from, to);
            exponent += negativeExponent ? -n : n;
        }
        if (i != to) throw notANumber(b, from, to);
        if (exponent > 308) throw notANumber(b, from, to); // pandas: out of range
        if (exponent > 0) return number * POW10[exponent];
        if (exponent < -616) return 0.0; // pandas sets +0.0 whatever the sign
        if (exponent < -308) return number / POW10[-308 - exponent] / POW10[308];
        return number / POW10[-exponent];
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static NumberFormatException notANumber(byte[] b, int from, int to) {
        return new NumberFormatException("'" + new String(b, from, to - from, StandardCharsets.ISO_8859_1) + "'");
    }
}
