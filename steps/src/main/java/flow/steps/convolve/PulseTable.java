package flow.steps.convolve;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Preamplifier pulse responses read from the simulation's CSV: columns in pairs (time in s,
 * voltage), one pair per injected charge, the charge being the 7th space-separated token of the
 * voltage column's header. Each pulse keeps its samples with 50 ns &lt; t &lt; 375 ns, has its first
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
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) throw new IllegalArgumentException(csv + ":1: empty pulse table");
            String[] names = header.split(",", -1);
            if (names.length % 2 != 0) {
                throw new IllegalArgumentException(csv + ":1: expected pairs of (time, voltage) columns, got " + names.length + " columns");
            }
            int pairs = names.length / 2;
            double[] charges = new double[pairs];
            for (int p = 0; p < pairs; p++) charges[p] = charge(csv, names[2 * p + 1], 2 * p + 2);
            List<List<double[]>> samples = new ArrayList<>();
            for (int p = 0; p < pairs; p++) samples.add(new ArrayList<>());
            int lineNo = 1;
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) continue;
                String[] cells = line.split(",", -1);
                for (int p = 0; p < pairs; p++) {
                    String t = p * 2 < cells.length ? cells[2 * p].strip() : "";
                    String v = p * 2 + 1 < cells.length ? cells[2 * p + 1].strip() : "";
                    boolean hasT = !t.isEmpty(), hasV = !v.isEmpty();
                    if (hasT != hasV) {
                        throw new IllegalArgumentException(csv + ":" + lineNo + ": column pair " + (p + 1) + " ('" + names[2 * p + 1]
                                + "') has a " + (hasT ? "time without a voltage" : "voltage without a time"));
                    }
                    if (!hasT) continue;
                    double time = number(csv, lineNo, t, names[2 * p]);
                    double volt = number(csv, lineNo, v, names[2 * p + 1]);
                    if (time > WINDOW_START && time < WINDOW_END) samples.get(p).add(new double[]{time, volt});
                }
            }
            List<double[]> times = new ArrayList<>(), volts = new ArrayList<>();
            for (int p = 0; p < pairs; p++) {
                List<double[]> s = samples.get(p);
                if (s.size() < 2) throw new IllegalArgumentException(csv + ": column pair " + (p + 1) + " ('" + names[2 * p + 1]
                        + "') has fewer than 2 samples between 50 and 375 ns");
                double[] t = new double[s.size()], v = new double[s.size()];
                for (int i = 0; i < s.size(); i++) {
                    t[i] = s.get(i)[0];
                    v[i] = s.get(i)[1];
                }
                times.add(t);
                volts.add(v);
            }
            return new Raw(csv, charges, times, volts);
        }
    }

    /** The pulses resampled onto {@code stepSeconds}. */
    public static PulseTable resample(Raw raw, double stepSeconds) {
        double[][] pulses = new double[raw.charges().length][];
        for (int p = 0; p < pulses.length; p++) {
            double[] t = raw.times().get(p), v = raw.volts().get(p);
            double[] shifted = new double[v.length];
            for (int i = 0; i < v.length; i++) shifted[i] = v[i] - v[0];
            pulses[p] = Numerics.interp(Numerics.arange(t[0], t[t.length - 1], stepSeconds), t, shifted);
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
}
