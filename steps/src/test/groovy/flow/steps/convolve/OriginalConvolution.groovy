package flow.steps.convolve

import groovy.transform.CompileStatic

import java.math.RoundingMode

/**
 * The original's computation as shared/data/smartpix/README.md describes it, written plainly to
 * check flow's optimised step against: every pixel, the whole resampled pulse, the full
 * convolution (N + M − 1 samples), then the 6 ns mask and every stride-th sample; rows parsed
 * with split and Double.parseDouble, values formatted through BigDecimal. None of the step's
 * shortcuts (zero rows, repeated rows, charged pixels only, the pulse cut to the window, zero
 * currents skipped, its own number parsing and formatting). The one departure from the original
 * is flow's documented one: the slice step is the header's, not a fixed 10 ps. The pulse
 * table's cells come from {@link PulseTable#read}, whose pandas-like parse PandasNumbersSpec checks.
 */
@CompileStatic
class OriginalConvolution {
    static final double E_CHARGE = 1.60217663e-19
    static final double OUTPUT_STEP_PS = 200
    static final double TRIM_MAX = 6e-9

    final PulseTable.Raw pulses

    OriginalConvolution(PulseTable.Raw pulses) {
        this.pulses = pulses
    }

    String convert(String input) {
        List<String> lines = input.readLines()
        StringBuilder out = new StringBuilder()
        int i = 0
        String stepPs = null
        for (; i < lines.size() && !lines[i].strip().startsWith('<cluster>'); i++) {
            String[] parts = lines[i].strip().split(/\s+/)
            if (parts.length == 4 && parts[3].isNumber()) {
                stepPs = parts[3]
                parts[3] = '200.000000'
                out.append(parts.join(' ')).append('\n')
            } else {
                out.append(lines[i]).append('\n')
            }
        }
        double step = Double.parseDouble(stepPs + 'e-12')
        int stride = (int) (OUTPUT_STEP_PS / Double.parseDouble(stepPs))
        List<double[]> resampled = (0..<pulses.charges().length).collect { int p -> resample(pulses.times()[p], pulses.volts()[p], step) }
        while (i < lines.size()) {
            i++ // <cluster>
            String meta = lines[i++].strip().split(/\s+/).join(' ')
            List<List<double[]>> slices = []
            while (i < lines.size() && !lines[i].strip().startsWith('<cluster>')) {
                String line = lines[i++].strip()
                if (line.startsWith('<time slice')) {
                    slices << []
                } else if (!line.isEmpty()) {
                    slices[-1] << (line.split(/\s+/).collect { Double.parseDouble(it) } as double[])
                }
            }
            out.append('<cluster>\n').append(meta).append('\n')
            writeCluster(out, slices, resampled, step, stride)
        }
        out.toString()
    }

    private void writeCluster(StringBuilder out, List<List<double[]>> slices, List<double[]> resampled, double step, int stride) {
        int rows = slices[0].size(), cols = slices[0][0].length, n = slices.size()
        double[][][] y = new double[rows][cols][]
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double[] q = new double[n]
                for (int k = 0; k < n; k++) q[k] = slices[k][r][c]
                double[] pulse = resampled[nearest(q[n - 1])]
                double[] full = convolve(gradient(q, step), pulse)
                List<Double> kept = []
                for (int k = 0; k < full.length; k++) {
                    if (k * step <= TRIM_MAX && k % stride == 0) kept << full[k] * step * 1000
                }
                y[r][c] = kept as double[]
            }
        }
        for (int s = 0; s < y[0][0].length; s++) {
            out.append('<time slice ').append(String.format(Locale.ROOT, '%.6f', s * OUTPUT_STEP_PS)).append(' ps>\n')
            for (int r = 0; r < rows; r++) {
                out.append((0..<cols).collect { int c -> pythonOneDecimal(y[r][c][s]) }.join(' ')).append('\n')
            }
        }
    }

    /** numpy.argmin(abs(q − charges)): the first of the nearest. */
    private int nearest(double q) {
        double[] charges = pulses.charges()
        int best = 0
        for (int p = 1; p < charges.length; p++) if (Math.abs(q - charges[p]) < Math.abs(q - charges[best])) best = p
        best
    }

    /** numpy.gradient(q · e, step). */
    static double[] gradient(double[] q, double step) {
        int n = q.length
        double[] f = new double[n]
        for (int k = 0; k < n; k++) f[k] = q[k] * E_CHARGE
        double[] g = new double[n]
        for (int k = 1; k < n - 1; k++) g[k] = (f[k + 1] - f[k - 1]) / (2.0d * step)
        g[0] = (f[1] - f[0]) / step
        g[n - 1] = (f[n - 1] - f[n - 2]) / step
        g
    }

    /** numpy.convolve(a, v), mode 'full', each sum in index order. */
    static double[] convolve(double[] a, double[] v) {
        double[] out = new double[a.length + v.length - 1]
        for (int k = 0; k < out.length; k++) {
            double sum = 0
            for (int j = Math.max(0, k - v.length + 1); j <= Math.min(k, a.length - 1); j++) sum += a[j] * v[k - j]
            out[k] = sum
        }
        out
    }

    /** The pulse minus its first voltage, on numpy.arange(t0, t_last, step) by numpy.interp. */
    static double[] resample(double[] t, double[] volts, double step) {
        int last = t.length - 1
        double[] v = new double[t.length]
        for (int i = 0; i <= last; i++) v[i] = volts[i] - volts[0]
        int n = (int) Math.ceil((t[last] - t[0]) / step)
        double delta = (t[0] + step) - t[0] // numpy's arange fills start + i·((start + step) − start)
        double[] out = new double[n]
        int j = 0
        for (int i = 0; i < n; i++) {
            double x = t[0] + i * delta
            while (j < last - 1 && t[j + 1] <= x) j++
            if (x >= t[last]) out[i] = v[last]
            else if (x == t[j]) out[i] = v[j]
            else out[i] = (v[j + 1] - v[j]) / (t[j + 1] - t[j]) * (x - t[j]) + v[j]
        }
        out
    }

    /** Python's f"{v:.1f}": the exact binary value rounded half-even, a negative keeping its sign. */
    static String pythonOneDecimal(double v) {
        String text = new BigDecimal(v).setScale(1, RoundingMode.HALF_EVEN).toPlainString()
        boolean negative = v < 0 || (v == 0 && 1 / v < 0)
        negative && !text.startsWith('-') ? '-' + text : text
    }
}
