package flow.steps.convolve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Preamplifier pulse responses read from the simulation's CSV: columns in pairs (time in s,
 * voltage), one pair per injected charge, the charge being the 7th space-separated token of the
 * voltage column's header. Cells are read as pandas reads them ({@link PandasNumbers}), the
 * charges in the headers as Python's {@code float} does. Each pulse keeps its samples with 50 ns &lt; t &lt; 375 ns, has its first
 * kept voltage subtracted, and is resampled linearly onto the cluster file's time step (as numpy's
 * {@code arange} and {@code interp} do). Pulses may differ in length.
 */
public final class PulseTable {
    static final double WINDOW_START = 50e-9;
    static final double WINDOW_END = 375e-9;

    /** charges[i] goes with pulses[i]; pulses on the step given to {@link #resample}. */
    public final double[] charges;
    public final double[][] pulses;

    PulseTable(double[] charges, double[][] pulses) {
        this.charges = charges;
        this.pulses = pulses;
    }

    /** The raw table: per pair, the charge and the (time, voltage) samples inside the window. */
    public record Raw(Path file, double[] charges, List<double[]> times, List<double[]> volts) {}

    public static Raw read(Path csv) throws IOException {
        byte[] text = Files.readAllBytes(csv);
        int headerEnd = lineEnd(text, 0);
        if (headerEnd == 0) throw new IllegalArgumentException(csv + ":1: empty pulse table");
        String[] names = new String(text, 0, headerEnd, StandardCharsets.UTF_8).strip().split(",", -1);
        if (names.length % 2 != 0) {
            throw new IllegalArgumentException(csv + ":1: expected pairs of (time, voltage) columns, got " + names.length + " columns");
        }
        int pairs = names.length / 2;
        double[] charges = new double[pairs];
        for (int p = 0; p < pairs; p++) charges[p] = charge(csv, names[2 * p + 1], 2 * p + 2);
        Samples[] samples = new Samples[pairs];
        for (int p = 0; p < pairs; p++) samples[p] = new Samples();
        int[] cellStart = new int[names.length], cellEnd = new int[names.length];
        int lineNo = 1;
        for (int from = headerEnd + 1; from < text.length; from = lineEnd(text, from) + 1) {
            lineNo++;
            int cells = cells(text, from, lineEnd(text, from), cellStart, cellEnd);
            if (cells == 0) continue; // a blank line
            for (int p = 0; p < pairs; p++) {
                int t = 2 * p, v = 2 * p + 1;
                boolean hasT = t < cells && cellEnd[t] > cellStart[t], hasV = v < cells && cellEnd[v] > cellStart[v];
                if (hasT != hasV) {
                    throw new IllegalArgumentException(csv + ":" + lineNo + ": column pair " + (p + 1) + " ('" + names[v]
                            + "') has a " + (hasT ? "time without a voltage" : "voltage without a time"));
                }
                if (!hasT) continue;
                double time = number(csv, lineNo, text, cellStart[t], cellEnd[t], names[t]);
                double volt = number(csv, lineNo, text, cellStart[v], cellEnd[v], names[v]);
                if (time > WINDOW_START && time < WINDOW_END) samples[p].add(time, volt);
            }
        }
        List<double[]> times = new ArrayList<>(), volts = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            if (samples[p].size < 2) throw new IllegalArgumentException(csv + ": column pair " + (p + 1) + " ('" + names[2 * p + 1]
                    + "') has fewer than 2 samples between 50 and 375 ns");
            times.add(Arrays.copyOf(samples[p].times, samples[p].size));
            volts.add(Arrays.copyOf(samples[p].volts, samples[p].size));
        }
        return new Raw(csv, charges, times, volts);
    }

    /** One column pair's samples inside the window, in growing arrays. */
    private static final class Samples {
        double[] times = new double[1024], volts = new double[1024];
        int size;

        void add(double time, double volt) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                volts = Arrays.copyOf(volts, size * 2);
            }
            times[size] = time;
            volts[size++] = volt;
        }
    }

    /** Index of the '\n' ending the line that starts at {@code from}, or the text's length. */
    private static int lineEnd(byte[] text, int from) {
        int i = from;
        while (i < text.length && text[i] != '\n') i++;
        return i;
    }

    /**
     * Splits the line {@code text[from .. to)} on commas into at most {@code start.length} cells,
     * each without surrounding blanks; returns the number of cells, 0 for a blank line.
     */
    private static int cells(byte[] text, int from, int to, int[] start, int[] end) {
        while (to > from && isBlank(text[to - 1])) to--;
        if (to == from) return 0;
        int cells = 0;
        for (int cell = from; cells < start.length; cell++) {
            int stop = cell;
            while (stop < to && text[stop] != ',') stop++;
            int a = cell, b = stop;
            while (a < b && isBlank(text[a])) a++;
            while (b > a && isBlank(text[b - 1])) b--;
            start[cells] = a;
            end[cells++] = b;
            if (stop >= to) break;
            cell = stop;
        }
        return cells;
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    /**
     * The pulses resampled onto {@code stepSeconds}, each cut to its first {@code length} samples:
     * the output window never reaches further, and a pulse is some 32,000 samples at 10 ps.
     */
    public static PulseTable resample(Raw raw, double stepSeconds, int length) {
        double[][] pulses = new double[raw.charges().length][];
        for (int p = 0; p < pulses.length; p++) {
            double[] t = raw.times().get(p), v = raw.volts().get(p);
            double[] shifted = new double[v.length];
            for (int i = 0; i < v.length; i++) shifted[i] = v[i] - v[0];
            pulses[p] = Numerics.interp(Numerics.arange(t[0], t[t.length - 1], stepSeconds, length), t, shifted);
        }
        return new PulseTable(raw.charges().clone(), pulses);
    }

    /** Index of the pulse whose charge is nearest to {@code q}; the first on a tie. */
    public int nearest(double q) {
        int best = 0;
        double bestDistance = Math.abs(charges[0] - q);
        for (int i = 1; i < charges.length; i++) {
            double d = Math.abs(charges[i] - q);
            if (d < bestDistance) {
                best = i;
                bestDistance = d;
            }
        }
        return best;
    }

    private static double charge(Path csv, String header, int column) {
        String[] tokens = header.split(" ", -1);
        if (tokens.length < 7) {
            throw new IllegalArgumentException(csv + ":1: column " + column + " header '" + header + "': expected the charge as its 7th word");
        }
        return number(csv, 1, tokens[6], "the header of column " + column);
    }

    private static double number(Path csv, int line, String text, String column) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(csv + ":" + line + ": '" + text + "' in " + column + " is not a number");
        }
    }

    private static double number(Path csv, int line, byte[] text, int from, int to, String column) {
        try {
            return PandasNumbers.parse(text, from, to);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(csv + ":" + line + ": " + e.getMessage() + " in " + column + " is not a number");
        }
    }
}
