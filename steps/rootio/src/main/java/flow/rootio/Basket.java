package flow.rootio;

/**
 * One basket of a branch, decompressed: the entries' bytes in {@code data[0, border)}, and,
 * for entries of varying size, where each starts (ROOT stores these offsets after the data,
 * counted from the start of the key; here they are counted from the data and end with the border).
 *
 * @param offsets null when every entry has the same size
 */
record Basket(byte[] data, int border, int[] offsets, int entries) {
    /** The fields TBasket writes after its key. */
    record Fields(int bufferSize, int nevBufSize, int nevBuf, int last, int flag) {
        static Fields read(RootBuffer b) {
            b.i16(); // version
            return new Fields(b.i32(), b.i32(), b.i32(), b.i32(), b.u8());
        }
    }

    /** A basket read from its own record: offsets follow the data when the payload is longer than it. */
    Basket(byte[] payload, int keylen, Fields f) {
        this(payload, f.last() - keylen, offsetsAfter(payload, f.last() - keylen, keylen, f.nevBuf()), f.nevBuf());
    }

    private static int[] offsetsAfter(byte[] payload, int border, int keylen, int entries) {
        if (payload.length <= border + 4) return null;
        RootBuffer b = new RootBuffer(payload, border, 0, "basket offsets");
        b.i32(); // the array's length
        int[] offsets = new int[entries + 1];
        for (int i = 0; i < entries; i++) offsets[i] = b.i32() - keylen;
        offsets[entries] = border;
        return offsets;
    }

    /** A basket kept inside the TTree record (the last one, never flushed), as TBasket::Streamer wrote it. */
    static Basket embedded(RootBuffer b) {
        Key key = Key.read(b);
        Fields f = Fields.read(b);
        int flag = f.flag() >= 80 ? f.flag() - 80 : f.flag();
        int[] offsets = null;
        if (f.flag() < 80 && flag != 0 && flag % 10 != 2 && f.nevBuf() > 0) {
            b.i32(); // the array's length
            offsets = new int[f.nevBuf() + 1];
            for (int i = 0; i < f.nevBuf(); i++) offsets[i] = (b.i32() & ~0xFF000000) - key.keylen();
            offsets[f.nevBuf()] = f.last() - key.keylen();
        }
        if (flag != 1 && flag <= 10) throw b.error("an embedded basket without its buffer (flag " + f.flag() + ")");
        byte[] buffer = new byte[f.last()];
        System.arraycopy(b.data, b.pos, buffer, 0, f.last());
        b.skip(f.last());
        byte[] data = java.util.Arrays.copyOfRange(buffer, key.keylen(), f.last());
        return new Basket(data, data.length, offsets, f.nevBuf());
    }
}
