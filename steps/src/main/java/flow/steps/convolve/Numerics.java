package flow.steps.convolve;

/**
 * The numeric core of the convolution, as pure functions, each doing the arithmetic of the numpy
 * function it replaces, operation for operation. The one freedom is the order of the terms of
 * each convolution sum: here index order; numpy hands each sum to its BLAS dot product, whose
 * order depends on the CPU's kernel. The two sums differ by an ulp or so, which changes a printed
 * value only within about 1e-13 of a .x5 tie. Compared with the original run here, no value
 * differed: none of the two shared cases, none of the 82,329 non-zero values of 300 generated
 * clusters of 16×16×400 (docs/benchmarks.md, "Convolve step").
 */
public final class Numerics {
    /** Electron charge in coulombs. */
    public static final double E = 1.60217663e-19;

    private Numerics() {}

    /**
     * The first {@code limit} values of numpy.arange(start, stop, step) for floats: start + i·delta
     * with delta = (start + step) − start.
     */
    public static double[] arange(double start, double stop, double step, int limit) {
        int n = (int) Math.min(limit, Math.ceil((stop - start) / step));
        if (n <= 0) return new double[0];
        double[] out = new double[n];
        out[0] = start;
        if (n > 1) {
            double delta = (start + step) - start;
            for (int i = 1; i < n; i++) out[i] = start + i * delta;
        }
        return out;
    }

    /** numpy.interp(x, xp, fp) for increasing xp: slope·(x − xp[j]) + fp[j]; clamped at the ends. */
    public static double[] interp(double[] x, double[] xp, double[] fp) {
        double[] out = new double[x.length];
        int j = 0;
        int last = xp.length - 1;
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            if (xi <= xp[0]) {
                out[i] = fp[0];
                continue;
            }
            if (xi >= xp[last]) {
                out[i] = fp[last];
                continue;
            }
            while (j + 1 < last && xp[j + 1] <= xi) j++;
            while (j > 0 && xp[j] > xi) j--;
            if (xi == xp[j]) {
                out[i] = fp[j];
            } else {
                double slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
                out[i] = slope * (xi - xp[j]) + fp[j];
            }
        }
        return out;
    }

    /**
     * The amplifier's response to one pixel, at the output samples only: {@code 1000 · step ·
     * (gradient(q·e, step) ⊛ pulse)[k·stride]} for k = 0.. while k·stride·step ≤ window.
     *
     * @param charge cumulative induced charge per time slice, electrons
     * @param out    receives the samples (its length is the number of output samples)
     */
    public static void respond(double[] charge, double[] pulse, double step, int stride, double[] out) {
        respond(charge, pulse, step, stride, out, 0, out.length);
    }

    /** {@link #respond(double[], double[], double, int, double[])} into {@code out[at .. at+samples)}. */
    public static void respond(double[] charge, double[] pulse, double step, int stride, double[] out, int at, int samples) {
        int n = charge.length;
        double[] current = current(charge, step);
        // the current is zero before the charge arrives and once it is collected; those terms add
        // exactly nothing to a sum (x + ±0.0 == x, and a sum never becomes -0.0), so they are skipped
        int lo = 0, hi = n - 1;
        while (lo < n && current[lo] == 0) lo++;
        if (lo == n) {
            // no current at all (e.g. no charge): every sum is exactly +0.0
            java.util.Arrays.fill(out, at, at + samples, 0.0);
            return;
        }
        while (current[hi] == 0) hi--;
        int m = pulse.length;
        for (int s = 0; s < samples; s++) {
            int k = s * stride;
            int first = Math.max(lo, k - m + 1);
            int end = Math.min(k, hi) + 1;
            double sum = 0;
            for (int j = first; j < end; j++) sum += current[j] * pulse[k - j];
            out[at + s] = sum * step * 1000;
        }
    }

    /** numpy.gradient(q·e, step): central differences inside, one-sided at both ends. */
    static double[] current(double[] charge, double step) {
        int n = charge.length;
        double[] g = new double[n];
        if (n == 1) return g;
        // q·e is formed where it is used, the same products numpy's array of them holds
        for (int i = 1; i < n - 1; i++) g[i] = (charge[i + 1] * E - charge[i - 1] * E) / (2. * step);
        g[0] = (charge[1] * E - charge[0] * E) / step;
        g[n - 1] = (charge[n - 1] * E - charge[n - 2] * E) / step;
        return g;
    }

    /** How many output samples lie in the window: k·stride·step ≤ window, as float64 comparisons. */
    public static int samplesInWindow(double step, int stride, double window) {
        int count = 0;
        while ((long) count * stride * step <= window) count++;
        return count;
    }
}
