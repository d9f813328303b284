package flow.rootio;

/**
 * A TKey: where an object's (possibly compressed) record is in the file.
 *
 * @param nbytes    the record's length on disk, key included
 * @param objlen    the object's uncompressed length
 * @param keylen    the key's own length
 * @param seekKey   where the record starts
 */
record Key(int nbytes, int objlen, int keylen, short cycle, long seekKey, String className, String name, String title) {
    /** Reads a key header at the buffer's position. */
    static Key read(RootBuffer b) {
        int nbytes = b.i32();
        int version = b.i16();
        int objlen = b.i32();
        b.i32(); // datime
        int keylen = b.i16();
        short cycle = b.i16();
        long seekKey = version > 1000 ? b.i64() : b.i32();
        if (version > 1000) b.i64(); else b.i32(); // seekPdir
        return new Key(nbytes, objlen, keylen, cycle, seekKey, b.tstring(), b.tstring(), b.tstring());
    }
}
