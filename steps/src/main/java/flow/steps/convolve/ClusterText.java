package flow.steps.convolve;

/**
 * One cluster as read, its layout checked but its values not yet parsed: the meta line (tokens
 * joined by single spaces) and the pixel rows of all its slices, slice after slice, as bytes.
 * Row {@code r} is {@code rowBytes[rowStart[r] .. rowStart[r+1])}, from line {@code rowLine[r]}.
 */
record ClusterText(String meta, byte[] rowBytes, int[] rowStart, int[] rowLine, int rows, int slices) {}
