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

    /** The first {@code n} entries (all when there are fewer). */
    public Column head(long n) {
        if (n >= entries) return this;
        int e = (int) n;
        if (offsets == null) {
            return new Column(name, type, values == null ? null : java.util.Arrays.copyOf(values, e),
                    longs == null ? null : java.util.Arrays.copyOf(longs, e), strings == null ? null : java.util.Arrays.copyOf(strings, e),
                    null, null, n);
        }
        int[] outer = java.util.Arrays.copyOf(offsets, e + 1);
        int[] inner = innerOffsets == null ? null : java.util.Arrays.copyOf(innerOffsets, outer[e] + 1);
        int items = inner != null ? inner[inner.length - 1] : outer[e];
        return new Column(name, type, values == null ? null : java.util.Arrays.copyOf(values, items),
                longs == null ? null : java.util.Arrays.copyOf(longs, items), strings == null ? null : java.util.Arrays.copyOf(strings, items),
                outer, inner, n);
    }

    public double sum() {
        double s = 0;
        for (double v : values) s += v;
        return s;
    }
}
