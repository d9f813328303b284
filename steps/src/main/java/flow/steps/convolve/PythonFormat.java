package flow.steps.convolve;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Python's {@code '%.1f' % v}: rounded half-even on the exact binary value (Java's
 * {@code String.format} rounds half-up on the decimal expansion, and differs), with the sign of
 * a negative value that rounds to zero kept ({@code -0.0}).
 */
public final class PythonFormat {
    private PythonFormat() {}

    public static void oneDecimal(AsciiBuffer out, double v) {
        double tenfold = v * 10;
        double floor = Math.floor(tenfold);
        double fraction = tenfold - floor;
        // far from a tie, v·10 rounds like the exact value does; near one, decide exactly
        if (Math.abs(tenfold) < 1e15 && Math.abs(fraction - 0.5) > 1e-6) {
            long tenths = (long) (fraction < 0.5 ? floor : floor + 1);
            append(out, tenths, v < 0 || (v == 0 && 1 / v < 0));
        } else {
            exactly(out, v);
        }
    }

    /** The rare case, near a tie or huge: rounded on the exact binary value (its own method, kept out of the hot path's compiled code). */
    private static void exactly(AsciiBuffer out, double v) {
        BigDecimal exact = new BigDecimal(v).setScale(1, RoundingMode.HALF_EVEN);
        if (exact.signum() == 0) {
            out.append(v < 0 ? "-0.0" : "0.0");
        } else {
            out.append(exact.toPlainString());
        }
    }

    private static void append(AsciiBuffer out, long tenths, boolean negative) {
        if (tenths == 0) {
            out.append(negative ? "-0.0" : "0.0");
            return;
        }
        if (tenths < 0) {
            out.append('-');
            tenths = -tenths;
        }
        out.append(tenths / 10).append('.').append((char) ('0' + tenths % 10));
    }
}
