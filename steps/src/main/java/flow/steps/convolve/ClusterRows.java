package flow.steps.convolve;

import java.io.IOException;
import java.util.Arrays;

/**
 * The pixel rows of one cluster, collected slice by slice as the reader meets them, kept the
 * way {@link ClusterText} holds them. Most rows are passed over by one comparison of the line as
 * written: a row of zeros against the cluster's first such row (left empty), and a row written
 * exactly as the same row of the slice before (its charge all collected) against that row,
 * whose bytes it shares. Only the other rows are searched for their end and copied.
 */
final class ClusterRows {
    private final AsciiBuffer bytes;
    private int[] from, to, line;
    private int count;
    /** The rows that are not rows of zeros, in order. */
    private int[] valueRows = new int[64];
    private int valueCount;
    /** Rows per slice, known from the end of the first slice; -1 before. */
    private int rows = -1;
    private int cols = -1;
    /** A row of cols "0.0"s; the cluster's first row of zeros as written (trailing blanks, line ending). */
    private byte[] zeros, zeroLine;

    /** @param bytesHint, rowsHint room to start with: the last cluster's size, as the clusters of a file are alike */
    ClusterRows(int bytesHint, int rowsHint) {
        bytes = new AsciiBuffer(bytesHint);
        from = new int[Math.max(16, rowsHint)];
        to = new int[from.length];
        line = new int[from.length];
    }

    /**
     * Reads one slice's rows, from the line after its label up to the next line that is not a
     * row (a label, or the end), which is left current; returns how many rows it had.
     */
    int readSlice(ByteLines lines) throws IOException {
        int sliceRows = 0;
        while (true) {
            int above = count - rows; // the same row of the slice before, from the second slice on
            if (zeroLine != null && lines.skip(zeroLine)) {
                add(0, 0, lines.number());
            } else if (rows > 0 && lines.skip(bytes.array(), from[above], to[above])) {
                add(from[above], to[above], lines.number());
            } else {
                byte first;
                if (!lines.next() || (first = lines.firstVisible()) == '<') break;
                if (first == 0) continue; // a blank line
                readRow(lines);
            }
            sliceRows++;
        }
        if (rows < 0) rows = sliceRows;
        return sliceRows;
    }

    /** Rows per slice: the first slice's count. */
    int rowsPerSlice() {
        return rows;
    }

    int count() {
        return count;
    }

    int byteCount() {
        return bytes.size();
    }

    ClusterText build(String meta, int slices) {
        return new ClusterText(meta, bytes.array(), from, to, line, Arrays.copyOf(valueRows, valueCount), rows, cols, slices);
    }

    /** The current line, a row found by its end: empty if it is a row of zeros, else copied. */
    private void readRow(ByteLines lines) {
        byte[] b = lines.buffer();
        int start = lines.start(), end = lines.end();
        if (cols < 0) {
            cols = FastNumbers.count(b, start, end);
            zeros = ClusterText.zeroRow(cols);
        }
        if (isZeroRow(b, start, end, zeros)) {
            if (zeroLine == null) zeroLine = lines.withEnding();
            add(0, 0, lines.number());
        } else {
            int at = bytes.size();
            bytes.append(b, start, lines.endWithNewline());
            add(at, bytes.size(), lines.number());
        }
    }

    /** The next row: bytes {@code [rowFrom .. rowTo)}, empty for a row of zeros, from line {@code lineNo}. */
    private void add(int rowFrom, int rowTo, int lineNo) {
        if (count == line.length) grow();
        if (rowTo > rowFrom) {
            if (valueCount == valueRows.length) valueRows = Arrays.copyOf(valueRows, valueCount * 2);
            valueRows[valueCount++] = count;
        }
        from[count] = rowFrom;
        to[count] = rowTo;
        line[count++] = lineNo;
    }

    /** Whether {@code b[from .. to)}, trailing blanks aside, is the row of zeros {@code zeros} (without its newline). */
    private static boolean isZeroRow(byte[] b, int from, int to, byte[] zeros) {
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) to--;
        return Arrays.equals(b, from, to, zeros, 0, zeros.length - 1);
    }

    private void grow() {
        from = Arrays.copyOf(from, count * 2);
        to = Arrays.copyOf(to, count * 2);
        line = Arrays.copyOf(line, count * 2);
    }
}
