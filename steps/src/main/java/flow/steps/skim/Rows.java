package flow.steps.skim;

import flow.rootio.Column;
import flow.steps.parquet.OutputColumn;

import java.util.Arrays;

/** Keeps the passing events' rows of a column, as a column to write. */
final class Rows {
    private Rows() {}

    static OutputColumn select(String name, OutputColumn.Kind kind, Values v, boolean[] pass) {
        if (!v.jagged()) {
            double[] out = new double[v.data().length];
            int n = 0;
            for (int e = 0; e < pass.length; e++) if (pass[e]) out[n++] = v.data()[e];
            return new OutputColumn(name, kind, Arrays.copyOf(out, n), null, null, null);
        }
        Picked p = pick(v.offsets(), pass);
        double[] out = new double[p.items];
        for (int i = 0; i < p.items; i++) out[i] = v.data()[p.index[i]];
        return new OutputColumn(name, kind, out, null, null, p.offsets);
    }

    /** A column read as it is (strings, 64-bit integers): the passing rows. */
    static OutputColumn select(String name, OutputColumn.Kind kind, Column c, boolean[] pass) {
        int[] offsets = c.offsets() != null ? c.offsets() : identity(pass.length);
        Picked p = pick(offsets, pass);
        String[] strings = c.strings() == null ? null : new String[p.items];
        long[] longs = c.longs() == null ? null : new long[p.items];
        for (int i = 0; i < p.items; i++) {
            if (strings != null) strings[i] = c.strings()[p.index[i]];
            if (longs != null) longs[i] = c.longs()[p.index[i]];
        }
        return new OutputColumn(name, kind, null, longs, strings, c.offsets() != null ? p.offsets : null);
    }

    private record Picked(int[] index, int items, int[] offsets) {}

    private static Picked pick(int[] offsets, boolean[] pass) {
        int rows = 0;
        for (boolean b : pass) if (b) rows++;
        int[] out = new int[rows + 1];
        int[] index = new int[offsets[pass.length]];
        int n = 0, r = 0;
        for (int e = 0; e < pass.length; e++) {
            if (!pass[e]) continue;
            for (int k = offsets[e]; k < offsets[e + 1]; k++) index[n++] = k;
            out[++r] = n;
        }
        return new Picked(index, n, out);
    }

    private static int[] identity(int n) {
        int[] o = new int[n + 1];
        for (int i = 0; i <= n; i++) o[i] = i;
        return o;
    }
}
