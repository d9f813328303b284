package flow.rootio;

import java.nio.charset.StandardCharsets;

/**
 * A big-endian cursor over ROOT's serialised bytes. {@code keylen} is the length of the key
 * that preceded the object: ROOT's object and class references are positions counted from the
 * start of the key, so {@link #displacement} adds it.
 */
final class RootBuffer {
    static final int BYTE_COUNT_MASK = 0x40000000;

    final byte[] data;
    final int keylen;
    final String where;
    int pos;

    RootBuffer(byte[] data, int pos, int keylen, String where) {
        this.data = data;
        this.pos = pos;
        this.keylen = keylen;
        this.where = where;
    }

    int displacement() {
        return pos + keylen;
    }

    int u8() {
        need(1);
        return data[pos++] & 0xff;
    }

    short i16() {
        need(2);
        short v = (short) (((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff));
        pos += 2;
        return v;
    }

    int i32() {
        need(4);
        int v = ((data[pos] & 0xff) << 24) | ((data[pos + 1] & 0xff) << 16) | ((data[pos + 2] & 0xff) << 8) | (data[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    long i64() {
        return ((long) i32() << 32) | (i32() & 0xffffffffL);
    }

    double f64() {
        return Double.longBitsToDouble(i64());
    }

    void skip(int n) {
        need(n);
        pos += n;
    }

    /** A TString: one length byte, or 255 and a four-byte length. */
    String tstring() {
        int n = u8();
        if (n == 255) n = i32();
        need(n);
        String s = new String(data, pos, n, StandardCharsets.ISO_8859_1);
        pos += n;
        return s;
    }

    /** A NUL-terminated class name. */
    String cstring() {
        int start = pos;
        while (pos < data.length && data[pos] != 0) pos++;
        String s = new String(data, start, pos - start, StandardCharsets.ISO_8859_1);
        pos++;
        return s;
    }

    /** A versioned object's header: returns the position just past its end (from its byte count) and reads the version. */
    Header header() {
        int start = pos;
        int count = i32();
        if ((count & BYTE_COUNT_MASK) == 0) throw error("expected an object with a byte count at " + start);
        int version = i16();
        return new Header(start + 4 + (count & ~BYTE_COUNT_MASK), version);
    }

    record Header(int end, int version) {}

    /** A TObject's fields, ignoring them (fUniqueID, fBits, and the process id of a referenced object). */
    void skipTObject() {
        int version = i16();
        if ((version & 0x4000) != 0) skip(4); // a byte count: version follows again
        i32();
        int bits = i32();
        if ((bits & 0x10) != 0) skip(2); // kIsReferenced: the pid
    }

    /** TNamed: returns {name, title}. */
    String[] named() {
        Header h = header();
        skipTObject();
        String[] nt = {tstring(), tstring()};
        pos = h.end();
        return nt;
    }

    void skipObject() {
        pos = header().end();
    }

    RootException error(String message) {
        return new RootException(where + ": " + message);
    }

    private void need(int n) {
        if (n < 0 || pos + n > data.length) throw error("record ends early (needed " + n + " bytes at " + pos + " of " + data.length + ")");
    }
}
