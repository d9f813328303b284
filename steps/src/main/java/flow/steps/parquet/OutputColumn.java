package flow.steps.parquet;

/**
 * One column to write: numbers ({@code doubles}, or {@code longs} for 64-bit integers) or
 * strings, one per row, or a list per row when {@code offsets} (rows + 1 entries) is given.
 */
public record OutputColumn(String name, Kind kind, double[] doubles, long[] longs, String[] strings, int[] offsets) {
    /** Parquet physical types, with their Thrift enum values. */
    public enum Kind {
        BOOLEAN(0), INT32(1), INT64(2), FLOAT(4), DOUBLE(5), STRING(6);

        final int physical;

        Kind(int physical) {
            this.physical = physical;
        }
    }

    public boolean list() {
        return offsets != null;
    }

    int elements() {
        return kind == Kind.STRING ? strings.length : kind == Kind.INT64 && longs != null ? longs.length : doubles.length;
    }
}
