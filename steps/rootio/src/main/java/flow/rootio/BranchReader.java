package flow.rootio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one branch's baskets into a {@link Column}: numeric leaves (scalars, fixed arrays
 * {@code x[10]}, counted arrays {@code x[n]}), {@code char*} leaves, and TBranchElements of
 * {@code vector<T>}, {@code vector<vector<T>>} and {@code string}, and the basic-type members of
 * split objects. Only this branch's baskets are read, decompressed in parallel when given threads.
 */
final class BranchReader {
    private final RootFile file;
    private final Branch branch;
    private final String where;
    private final int threads;
    private final long maxEntries;

    BranchReader(RootFile file, Tree tree, Branch branch, int threads, long maxEntries) {
        this.maxEntries = maxEntries;
        this.file = file;
        this.branch = branch;
        this.threads = threads;
        this.where = tree.where + "/" + branch.name();
    }

    Column read() throws IOException {
        BranchShape shape = BranchShape.of(branch, file.streamers());
        if (shape.kind() == BranchShape.Kind.UNSUPPORTED) throw new RootException(where + ": " + shape.why() + " is not supported");
        List<Basket> baskets = baskets();
        Leaf leaf = branch.leaves().get(0);
        int code = branch.streamerType();
        boolean stl = branch.elementClass() != null && (code <= 0 || code == 300 || code == 500); // an STL object per entry
        return switch (shape.kind()) {
            case STRING -> strings(baskets, stl);
            case STRING_LIST -> stringLists(baskets);
            case LIST_OF_LISTS -> element(baskets, shape.type(), true);
            case LIST -> stl ? element(baskets, shape.type(), false)
                    : code >= 40 ? countedMember(baskets, shape.type()) : numeric(baskets, leaf, shape.type());
            default -> numeric(baskets, leaf, shape.type());
        };
    }

    /** The file baskets in order (read and decompressed on {@code threads} threads), then the embedded ones. */
    private List<Basket> baskets() throws IOException {
        int needed = 0; // baskets starting before maxEntries
        while (needed < branch.writeBaskets() && branch.basketEntry()[needed] < maxEntries) needed++;
        Basket[] read = new Basket[needed];
        SharedWork.run(read.length, threads, i -> read[i] = file.basket(branch.basketSeek()[i], branch.basketBytes()[i], where + " basket " + i), where);
        List<Basket> all = new ArrayList<>(List.of(read));
        if (needed == branch.writeBaskets()) all.addAll(branch.embedded());
        return all;
    }

    /** Numeric leaves: each basket's entries lie end to end, so its values are decoded in one run. */
    private Column numeric(List<Basket> baskets, Leaf leaf, LeafType type) {
        Values values = new Values(type);
        Offsets offsets = leaf.count() != null || leaf.length() > 1 ? new Offsets() : null;
        long entries = 0;
        for (Basket basket : baskets) {
            int n = basket.entries(), base = values.size();
            int[] off = basket.offsets();
            int from = off != null ? off[0] : 0;
            int to = off != null ? off[n] : n * leaf.length() * type.size;
            if (to > basket.border() || from < 0) throw new RootException(where + ": entries " + entries + "-" + (entries + n) + " run past their basket");
            values.addAll(basket.data(), from, (to - from) / type.size);
            if (offsets != null) {
                for (int e = 0; e < n; e++) offsets.close(base + (off != null ? (off[e + 1] - from) / type.size : (e + 1) * leaf.length()));
            }
            entries += n;
        }
        return values.column(branch.name(), offsets, null, entries);
    }

    /** A split object's member counted by another member ({@code [n]}): each entry is led by a one-byte marker. */
    private Column countedMember(List<Basket> baskets, LeafType type) {
        Values values = new Values(type);
        Offsets offsets = new Offsets();
        long entries = 0;
        for (Basket basket : baskets) {
            for (int e = 0; e < basket.entries(); e++) {
                int from = basket.offsets()[e] + 1, to = basket.offsets()[e + 1];
                for (int at = from; at < to; at += type.size) values.add(basket.data(), at);
                offsets.close(values.size());
                entries++;
            }
        }
        return values.column(branch.name(), offsets, null, entries);
    }

    private Column strings(List<Basket> baskets, boolean headers) {
        List<String> out = new ArrayList<>();
        for (Basket basket : baskets) {
            for (int e = 0; e < basket.entries(); e++) {
                int from = basket.offsets() != null ? basket.offsets()[e] : 0;
                int to = basket.offsets() != null ? basket.offsets()[e + 1] : basket.border();
                RootBuffer b = new RootBuffer(basket.data(), from + (headers && hasHeader(basket.data(), from, to) ? 6 : 0), 0, where);
                out.add(b.pos >= to ? "" : b.tstring());
            }
        }
        return new Column(branch.name(), null, null, null, out.toArray(String[]::new), null, null, out.size());
    }

    private Column element(List<Basket> baskets, LeafType type, boolean twoLevels) {
        String cls = branch.elementClass();
        Values values = new Values(type);
        Offsets outer = new Offsets(), inner = twoLevels ? new Offsets() : null;
        long entries = 0;
        for (Basket basket : baskets) {
            if (basket.offsets() == null) throw new RootException(where + ": a basket of " + cls + " without entry offsets");
            for (int e = 0; e < basket.entries(); e++) {
                int from = basket.offsets()[e], to = basket.offsets()[e + 1];
                RootBuffer b = new RootBuffer(basket.data(), from + (hasHeader(basket.data(), from, to) ? 6 : 0), 0, where);
                int n = b.i32();
                for (int i = 0; i < n; i++) {
                    if (twoLevels) {
                        int m = b.i32();
                        for (int j = 0; j < m; j++) { values.add(b.data, b.pos); b.skip(type.size); }
                        inner.close(values.size());
                    } else {
                        values.add(b.data, b.pos);
                        b.skip(type.size);
                    }
                }
                outer.close(twoLevels ? inner.count() : values.size());
                entries++;
            }
        }
        return values.column(branch.name(), outer, inner, entries);
    }

    private Column stringLists(List<Basket> baskets) {
        List<String> out = new ArrayList<>();
        Offsets offsets = new Offsets();
        long entries = 0;
        for (Basket basket : baskets) {
            for (int e = 0; e < basket.entries(); e++) {
                int from = basket.offsets()[e], to = basket.offsets()[e + 1];
                RootBuffer b = new RootBuffer(basket.data(), from + (hasHeader(basket.data(), from, to) ? 6 : 0), 0, where);
                int n = b.i32();
                for (int i = 0; i < n; i++) out.add(b.tstring());
                offsets.close(out.size());
                entries++;
            }
        }
        return new Column(branch.name(), null, null, null, out.toArray(String[]::new), offsets.toArray(), null, entries);
    }

    /** Whether the entry starts with an object's byte count (covering exactly the rest of the entry) and version. */
    private static boolean hasHeader(byte[] d, int from, int to) {
        return to - from >= 6 && LeafType.int32(d, from) == (RootBuffer.BYTE_COUNT_MASK | (to - from - 4));
    }

    /** Growing offsets, starting at 0. */
    private static final class Offsets {
        private int[] data = new int[64];
        private int n = 1;

        void close(int end) {
            if (n == data.length) data = java.util.Arrays.copyOf(data, n * 2);
            data[n++] = end;
        }

        int count() {
            return n - 1;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(data, n);
        }
    }

    /** Growing numeric values: doubles, and longs too for 64-bit integers. */
    private static final class Values {
        private final LeafType type;
        private double[] doubles = new double[1024];
        private long[] longs;
        private int n;

        Values(LeafType type) {
            this.type = type;
            if (type == LeafType.I64 || type == LeafType.U64) longs = new long[1024];
        }

        private static final java.lang.invoke.VarHandle F32 = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(float[].class, java.nio.ByteOrder.BIG_ENDIAN);
        private static final java.lang.invoke.VarHandle F64 = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(double[].class, java.nio.ByteOrder.BIG_ENDIAN);
        private static final java.lang.invoke.VarHandle I32 = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.BIG_ENDIAN);

        /** {@code n} values from {@code d[at]} on, with a loop per type. */
        void addAll(byte[] d, int at, int n) {
            if (longs != null || type.size == 2 || type.size == 1 && type != LeafType.BOOL && type != LeafType.U8 && type != LeafType.I8) {
                for (int i = 0; i < n; i++) add(d, at + i * type.size);
                return;
            }
            if (n + this.n > doubles.length) doubles = java.util.Arrays.copyOf(doubles, Math.max(doubles.length * 2, this.n + n));
            double[] out = doubles;
            int o = this.n;
            switch (type) {
                case F32 -> { for (int i = 0; i < n; i++) out[o + i] = (float) F32.get(d, at + 4 * i); }
                case F64 -> { for (int i = 0; i < n; i++) out[o + i] = (double) F64.get(d, at + 8 * i); }
                case I32 -> { for (int i = 0; i < n; i++) out[o + i] = (int) I32.get(d, at + 4 * i); }
                case U32 -> { for (int i = 0; i < n; i++) out[o + i] = ((int) I32.get(d, at + 4 * i)) & 0xffffffffL; }
                case I8 -> { for (int i = 0; i < n; i++) out[o + i] = d[at + i]; }
                default -> { for (int i = 0; i < n; i++) out[o + i] = d[at + i] & 0xff; } // BOOL, U8
            }
            this.n += n;
        }

        void add(byte[] d, int at) {
            if (n == doubles.length) {
                doubles = java.util.Arrays.copyOf(doubles, n * 2);
                if (longs != null) longs = java.util.Arrays.copyOf(longs, n * 2);
            }
            if (longs != null) {
                longs[n] = type.readLong(d, at);
                doubles[n] = type == LeafType.U64 ? unsignedDouble(longs[n]) : longs[n];
            } else {
                doubles[n] = type.read(d, at);
            }
            n++;
        }

        private static double unsignedDouble(long v) {
            return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
        }

        int size() {
            return n;
        }

        Column column(String name, Offsets outer, Offsets inner, long entries) {
            return new Column(name, type, java.util.Arrays.copyOf(doubles, n), longs == null ? null : java.util.Arrays.copyOf(longs, n),
                    null, outer == null ? null : outer.toArray(), inner == null ? null : inner.toArray(), entries);
        }
    }
}
