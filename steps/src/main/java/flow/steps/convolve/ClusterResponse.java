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

    private final Path file;
    private final SliceGrid grid;

    ClusterResponse(Path file, SliceGrid grid) {
        this.file = file;
        this.grid = grid;
    }

    AsciiBuffer render(ClusterText cluster) {
        int rows = cluster.rows(), n = cluster.slices();
        int cols = cluster.cols();
        int pixels = rows * cols, samples = grid.samples();
        byte[] zeroRow = ClusterText.zeroRow(cols);
        boolean[] charged = new boolean[pixels];
        double[] charges = charges(cluster, cols, charged);
        double[] response = new double[pixels * samples];
        double[] charge = new double[n];
        for (int p = 0; p < pixels; p++) {
            if (!charged[p]) continue; // its response stays +0.0
            for (int k = 0; k < n; k++) charge[k] = charges[k * pixels + p];
            double[] pulse = grid.table().pulses[grid.table().nearest(charge[n - 1])];
            Numerics.respond(charge, pulse, grid.stepSeconds(), grid.stride(), response, p * samples, samples);
        }
        return format(cluster.meta(), response, charged, rows, cols, zeroRow);
    }

    private AsciiBuffer format(String meta, double[] response, boolean[] charged, int rows, int cols, byte[] zeroRow) {
        int samples = grid.samples();
        boolean[] rowCharged = new boolean[rows];
        for (int p = 0; p < rows * cols; p++) rowCharged[p / cols] |= charged[p];
        AsciiBuffer text = new AsciiBuffer(64 + samples * (SLICE_LABELS[0].length + rows * zeroRow.length * 2));
        text.append(CLUSTER).append(meta).append('\n');
        for (int s = 0; s < samples; s++) {
            text.append(SLICE_LABELS[s]);
            for (int i = 0; i < rows; i++) {
                if (!rowCharged[i]) {
                    text.append(zeroRow);
                    continue;
                }
                for (int j = 0; j < cols; j++) {
                    if (j > 0) text.append(' ');
                    PythonFormat.oneDecimal(text, response[(i * cols + j) * samples + s]);
                }
                text.append('\n');
            }
        }
        return text;
    }

    /**
     * The rows' values as they come, slice by slice: pixel p of slice k at {@code [k·pixels + p]};
     * sets {@code charged[p]} for each pixel with a non-zero value. A row of zeros, most rows, comes
     * empty from the reader and is left as the array's zeros.
     */
    private double[] charges(ClusterText cluster, int cols, boolean[] charged) {
        int rows = cluster.rows(), pixels = rows * cols;
        double[] charges = new double[pixels * cluster.slices()];
        byte[] bytes = cluster.rowBytes();
        int[] start = cluster.rowStart();
        for (int row = 0; row < rows * cluster.slices(); row++) {
            int from = start[row], to = start[row + 1];
            if (from == to) continue; // a row of zeros
            int offset = row * cols;
            int count = FastNumbers.parseRow(bytes, from, to, charges, offset, cols, file, cluster.rowLine()[row]);
            if (count != cols) {
                throw new IllegalArgumentException(file + ":" + cluster.rowLine()[row] + ": row of " + count
                        + " values where the cluster's rows have " + cols);
            }
            int pixel = row % rows * cols;
            for (int j = 0; j < cols; j++) charged[pixel + j] |= charges[offset + j] != 0;
        }
        return charges;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
