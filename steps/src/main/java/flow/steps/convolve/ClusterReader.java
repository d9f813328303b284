package flow.steps.convolve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a pixelAV cluster file: the header, then one {@link ClusterText} at a time, checking the
 * layout (meta line, slice labels, rows per slice) and naming file and line in every error.
 */
final class ClusterReader {
    private final Path file;
    private final ByteLines lines;
    private final PulseTable.Raw pulses;
    private SliceGrid grid;
    private boolean atCluster;
    /** The clusters of a file are alike: each one's row bytes start with room for the last one's. */
    private int rowBytesHint = 1 << 14;

    ClusterReader(Path file, ByteLines lines, PulseTable.Raw pulses) {
        this.file = file;
        this.lines = lines;
        this.pulses = pulses;
    }

    /**
     * Copies the header lines before the first {@code <cluster>} to {@code out}; the one with 4
     * tokens whose 4th is numeric (the slice step) gets 200. Returns false if there is no cluster.
     */
    boolean header(AsciiBuffer out) throws IOException {
        while (lines.next()) {
            String line = lines.text();
            if (line.strip().equals("<cluster>")) {
                if (grid == null) throw error("no header line with the pitches and the slice step (4 numbers) before the first <cluster>");
                atCluster = true;
                return true;
            }
            out.append(headerLine(line)).append('\n');
        }
        return false;
    }

    SliceGrid grid() {
        return grid;
    }

    /** The next cluster (the reader is just past its {@code <cluster>} line), or null at the end of the file. */
    ClusterText next() throws IOException {
        if (!atCluster) return null;
        atCluster = false;
        String meta = meta();
        AsciiBuffer rowBytes = new AsciiBuffer(rowBytesHint);
        int[] rowStart = new int[257];
        int[] rowLine = new int[256];
        int count = 0, rows = -1, cols = -1, slices = 0;
        // a row of cols "0.0"s, and the first such row of this cluster as written (trailing blanks,
        // line ending): most rows repeat it byte for byte and are passed over by one comparison
        byte[] zeros = null, zeroLine = null;
        boolean more = lines.next();
        while (more) {
            byte first = lines.firstVisible();
            if (first == 0) {
                more = lines.next();
                continue;
            }
            String label = lines.text().strip();
            if (label.equals("<cluster>")) {
                atCluster = true;
                break;
            }
            if (!label.startsWith("<time slice")) throw error("expected '<time slice ... ps>', got '" + abbreviate(label) + "'");
            int sliceRows = 0;
            while (true) {
                if (zeroLine != null && lines.skip(zeroLine)) {
                    rowLine[count] = lines.number();
                    rowStart[++count] = rowBytes.size(); // empty: a row of zeros
                    sliceRows++;
                } else {
                    more = lines.next();
                    if (!more || (first = lines.firstVisible()) == '<') break;
                    if (first == 0) continue;
                    int from = lines.start(), to = lines.end();
                    if (cols < 0) {
                        cols = FastNumbers.count(lines.buffer(), from, to);
                        zeros = ClusterText.zeroRow(cols);
                    }
                    if (isZeroRow(lines.buffer(), from, to, zeros)) {
                        if (zeroLine == null) zeroLine = lines.withEnding();
                    } else {
                        rowBytes.append(lines.buffer(), from, to);
                    }
                    rowLine[count] = lines.number();
                    rowStart[++count] = rowBytes.size();
                    sliceRows++;
                }
                if (count == rowLine.length) {
                    rowLine = Arrays.copyOf(rowLine, count * 2);
                    rowStart = Arrays.copyOf(rowStart, count * 2 + 1);
                }
            }
            if (rows < 0) rows = sliceRows;
            if (sliceRows != rows || rows == 0) throw error("time slice of " + sliceRows + " rows where the cluster has " + rows);
            slices++;
        }
        if (slices == 0) throw error("cluster without time slices");
        rowBytesHint = rowBytes.size();
        return new ClusterText(meta, rowBytes.array(), rowStart, rowLine, rows, cols, slices);
    }

    /** Whether {@code b[from .. to)}, trailing blanks aside, is the row of zeros {@code zeros} (without its newline). */
    private static boolean isZeroRow(byte[] b, int from, int to, byte[] zeros) {
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) to--;
        return Arrays.equals(b, from, to, zeros, 0, zeros.length - 1);
    }

    private String meta() throws IOException {
        if (!lines.next() || lines.firstVisible() == '<') throw error("expected the cluster's 9 meta numbers after <cluster>");
        String[] tokens = lines.text().strip().split("\\s+");
        if (tokens.length != 9) throw error("expected 9 meta numbers after <cluster>, got " + tokens.length);
        for (String t : tokens) if (!isNumber(t)) throw error("meta value '" + t + "' is not a number");
        return String.join(" ", tokens);
    }

    private String headerLine(String line) {
        String[] tokens = line.strip().split("\\s+");
        if (tokens.length == 4 && isNumber(tokens[3])) {
            try {
                grid = SliceGrid.of(tokens[3], pulses);
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
            return tokens[0] + " " + tokens[1] + " " + tokens[2] + " 200.000000";
        }
        return line;
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(file + ":" + lines.number() + ": " + message);
    }

    private static boolean isNumber(String token) {
        try {
            Double.parseDouble(token);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
