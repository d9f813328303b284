package flow.steps.convolve;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Turns one {@link ClusterText} into its output text: parses the rows, computes every pixel's
 * response on the {@link SliceGrid}, and formats the output slices. Safe on any thread.
 * Most pixels of a cluster never see charge: their response is exactly +0.0 ("0.0"), so only
 * the charged ones are convolved, and a row of uncharged pixels is written in one copy.
 */
final class ClusterResponse {
    /** Output slice labels; the 6 ns window holds at most 31 output slices of 200 ps. */
    private static final byte[][] SLICE_LABELS = IntStream.range(0, 64)
            .mapToObj(s -> ascii("<time slice " + String.format(Locale.ROOT, "%.6f", s * SliceGrid.OUTPUT_STEP_PS) + " ps>\n"))
            .toArray(byte[][]::new);
    private static final byte[] CLUSTER = ascii("<cluster>\n");
    private static final byte[] ZERO = ascii("0.0");

    private final Path file;
    private final SliceGrid grid;

    ClusterResponse(Path file, SliceGrid grid) {
        this.file = file;
        this.grid = grid;
    }

    AsciiBuffer render(ClusterText cluster) {
        int rows = cluster.rows(), cols = cluster.cols(), n = cluster.slices();
        int pixels = rows * cols, samples = grid.samples();
        double[][] charge = charges(cluster);
        double[] response = new double[pixels * samples];
        for (int p = 0; p < pixels; p++) {
            if (charge[p] == null) continue; // its response stays +0.0
            double[] pulse = grid.table().pulses[grid.table().nearest(charge[p][n - 1])];
            Numerics.respond(charge[p], pulse, grid.stepSeconds(), grid.stride(), response, p * samples, samples);
        }
        return format(cluster.meta(), response, charge, rows, cols);
    }

    private AsciiBuffer format(String meta, double[] response, double[][] charge, int rows, int cols) {
        int samples = grid.samples();
        byte[] zeroRow = ClusterText.zeroRow(cols);
        boolean[] rowCharged = new boolean[rows];
        for (int p = 0; p < rows * cols; p++) rowCharged[p / cols] |= charge[p] != null;
        AsciiBuffer text = new AsciiBuffer(64 + samples * (SLICE_LABELS[0].length + rows * zeroRow.length * 2));
        text.append(CLUSTER).append(meta).append('\n');
        for (int s = 0; s < samples; s++) {
            text.append(SLICE_LABELS[s]);
            for (int i = 0; i < rows; i++) {
                if (rowCharged[i]) {
                    formatRow(text, response, charge, i * cols, cols, s);
                } else {
                    text.append(zeroRow);
                }
            }
        }
        return text;
    }

    /** Output sample {@code s} of the row of pixels {@code first ..< first + cols}, with its newline. */
    private void formatRow(AsciiBuffer text, double[] response, double[][] charge, int first, int cols, int s) {
        int samples = grid.samples();
        for (int p = first; p < first + cols; p++) {
            if (p > first) text.append(' ');
            if (charge[p] == null) {
                text.append(ZERO);
            } else {
                PythonFormat.oneDecimal(text, response[p * samples + s]);
            }
        }
        text.append('\n');
    }

    /**
     * Each pixel's charge slice by slice, parsed from the rows; null for a pixel that never has
     * any. A row of zeros (empty) leaves its pixels' values 0; a row that repeats the slice
     * before repeats its values, unparsed.
     */
    private double[][] charges(ClusterText cluster) {
        int rows = cluster.rows(), cols = cluster.cols();
        double[][] charge = new double[rows * cols][];
        double[] values = new double[cols];
        for (int r : cluster.valueRows()) { // in order: a repeated row finds the slice before already read
            int slice = r / rows, first = r % rows * cols;
            if (cluster.repeatsPreviousSlice(r)) {
                for (int p = first; p < first + cols; p++) if (charge[p] != null) charge[p][slice] = charge[p][slice - 1];
            } else {
                addRow(cluster, r, values, charge, first, slice);
            }
        }
        return charge;
    }

    /** Parses row {@code r}, the pixels {@code first ..< first + cols} of {@code slice}, into their charges. */
    private void addRow(ClusterText cluster, int r, double[] values, double[][] charge, int first, int slice) {
        int cols = values.length;
        int count = FastNumbers.parseRow(cluster.rowBytes(), cluster.rowFrom()[r], cluster.valuesEnd(r), values, 0, cols, file, cluster.rowLine()[r]);
        if (count != cols) {
            throw new IllegalArgumentException(file + ":" + cluster.rowLine()[r] + ": row of " + count
                    + " values where the cluster's rows have " + cols);
        }
        for (int j = 0; j < cols; j++) {
            double[] q = charge[first + j];
            if (q == null && values[j] != 0) q = charge[first + j] = new double[cluster.slices()];
            if (q != null) q[slice] = values[j];
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
