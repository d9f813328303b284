package flow.steps.convolve;

import java.nio.charset.StandardCharsets;

/**
 * One cluster as read, its layout checked but its values not yet parsed: the meta line (tokens
 * joined by single spaces) and the pixel rows of all its slices, slice after slice. Row {@code r}
 * (pixel row {@code r % rows} of slice {@code r / rows}) is {@code rowBytes[rowFrom[r] .. rowTo[r])}
 * as written, line ending included, from line {@code rowLine[r]}. Two rows need no bytes of
 * their own: a row of zeros ("0.0" for every pixel, trailing blanks aside: most rows, their
 * pixels have no charge) is empty, and a row written exactly as the same row of the slice before
 * (its charge all collected) shares that row's bytes. {@code valueRows} lists the rows that are
 * not rows of zeros, in order.
 */
record ClusterText(String meta, byte[] rowBytes, int[] rowFrom, int[] rowTo, int[] rowLine, int[] valueRows, int rows, int cols, int slices) {

    /**
     * Whether row {@code r} shares the bytes of the same row of the slice before. Both ends are
     * compared: the first row with values is stored from offset 0, where a row of zeros (empty,
     * 0 .. 0) also "starts", so equal starts alone would take it for a repeat of zeros.
     */
    boolean repeatsPreviousSlice(int r) {
        return r >= rows && rowTo[r] > rowFrom[r] && rowFrom[r] == rowFrom[r - rows] && rowTo[r] == rowTo[r - rows];
    }

    /** Where row {@code r}'s values end: before its line ending ({@code \n} or {@code \r\n}). */
    int valuesEnd(int r) {
        int to = rowTo[r];
        if (to > rowFrom[r] && rowBytes[to - 1] == '\n') {
            to--;
            if (to > rowFrom[r] && rowBytes[to - 1] == '\r') to--;
        }
        return to;
    }

    /** "0.0 0.0 … 0.0\n", a row of uncharged pixels as it is written. */
    static byte[] zeroRow(int cols) {
        return ("0.0 ".repeat(cols - 1) + "0.0\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
