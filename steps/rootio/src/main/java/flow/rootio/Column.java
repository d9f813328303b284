package flow.rootio;

/**
 * A branch's values over all entries: numbers in {@code values} (as doubles, or as longs for
 * 64-bit integers, see {@link #longs}), strings in {@code strings}. {@code offsets} has one more
 * element than there are entries and gives each entry's range of values (null: one value per
 * entry); for {@code vector<vector<T>>}, {@code offsets} ranges over inner lists and
 * {@code innerOffsets} over values.
 */
public record Column(String name, LeafType type, double[] values, long[] longs, String[] strings, int[] offsets,
                     int[] innerOffsets, long entries) {
    public int size() {
        return strings != null ? strings.length : values.length;
    }

    public double sum() {
        double s = 0;
        for (double v : values) s += v;
        return s;
    }
}
