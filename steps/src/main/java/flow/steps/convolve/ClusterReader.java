package flow.steps.convolve;

import java.io.IOException;
import java.nio.file.Path;

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
    /** The clusters of a file are alike: each one's rows start with room for the last one's. */
    private int bytesHint = 1 << 14, rowsHint = 256;

    ClusterReader(Path file, ByteLines lines, PulseTable.Raw pulses) {
        this.file = file;
        this.lines = lines;
        this.pulses = pulses;
    }

    /**
     * Copies the header lines before the first {@code <cluster>} to {@code out}; the one with 4
     * tokens whose 4th is numeric (the slice step) gets 200. Returns false if there is no cluster
     * (a header-only output); an input with no lines, or with neither a slice step nor a
     * cluster, is no cluster file at all and an error.
     */
    boolean header(AsciiBuffer out) throws IOException {
        if (!lines.next()) throw new IllegalArgumentException(file + ": empty (no header line and no cluster): expected a pixelAV cluster file");
        for (boolean more = true; more; more = lines.next()) {
            String line = lines.text();
            if (line.strip().equals("<cluster>")) {
                if (grid == null) throw error("no header line with the pitches and the slice step (4 numbers) before the first <cluster>");
                atCluster = true;
                return true;
            }
            out.append(headerLine(line)).append('\n');
        }
        if (grid == null) throw error("no header line with the pitches and the slice step (4 numbers), and no <cluster>");
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
        ClusterRows rows = new ClusterRows(bytesHint, rowsHint);
        int slices = 0;
        lines.next();
        while (!lines.ended()) {
            if (lines.firstVisible() == 0) { // a blank line
                lines.next();
                continue;
            }
            String label = lines.text().strip();
            if (label.equals("<cluster>")) {
                atCluster = true;
                break;
            }
            if (!label.startsWith("<time slice")) throw error("expected '<time slice ... ps>', got '" + abbreviate(label) + "'");
            int sliceRows = rows.readSlice(lines);
            if (sliceRows != rows.rowsPerSlice() || sliceRows == 0) {
                throw error("time slice of " + sliceRows + " rows where the cluster has " + rows.rowsPerSlice());
            }
            slices++;
        }
        if (slices == 0) throw error("cluster without time slices");
        bytesHint = rows.byteCount();
        rowsHint = rows.count();
        return rows.build(meta, slices);
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
