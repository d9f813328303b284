package flow.steps.convolve;

import java.nio.charset.StandardCharsets;

/**
 * One cluster as read, its layout checked but its values not yet parsed: the meta line (tokens
 * joined by single spaces) and the pixel rows of all its slices, slice after slice, as bytes.
 * Row {@code r} is {@code rowBytes[rowStart[r] .. rowStart[r+1])}, from line {@code rowLine[r]};
 * a row of zeros ("0.0" for every pixel, trailing blanks aside: most rows, their pixels have no
 * charge) is left empty by the reader.
 */
record ClusterText(String meta, byte[] rowBytes, int[] rowStart, int[] rowLine, int rows, int cols, int slices) {

    /** "0.0 0.0 … 0.0\n", a row of uncharged pixels as it is written. */
    static byte[] zeroRow(int cols) {
        return ("0.0 ".repeat(cols - 1) + "0.0\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
