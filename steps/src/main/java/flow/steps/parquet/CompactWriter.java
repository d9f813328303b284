package flow.steps.parquet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Thrift's compact protocol, as far as Parquet's metadata needs it: structs of i16/i32/i64,
 * binary/string, bool, nested structs and lists. Fields are written in increasing id order.
 */
final class CompactWriter {
    static final int BOOLEAN_TRUE = 1, BOOLEAN_FALSE = 2, I16 = 4, I32 = 5, I64 = 6, BINARY = 8, LIST = 9, STRUCT = 12;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Deque<Integer> lastIds = new ArrayDeque<>();
    private int lastId;

    byte[] bytes() {
        return out.toByteArray();
    }

    CompactWriter i32(int id, int value) {
        field(id, I32);
        varint(zigzag(value));
        return this;
    }

    CompactWriter i64(int id, long value) {
        field(id, I64);
        varint(zigzag(value));
        return this;
    }

    CompactWriter bool(int id, boolean value) {
        field(id, value ? BOOLEAN_TRUE : BOOLEAN_FALSE);
        return this;
    }

    CompactWriter string(int id, String value) {
        field(id, BINARY);
        binary(value.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Starts a struct field; end it with {@link #end}. */
    CompactWriter struct(int id) {
        field(id, STRUCT);
        return begin();
    }

    /** Starts a list field of {@code size} elements of {@code type}; write the elements next (structs with {@link #begin}). */
    CompactWriter list(int id, int type, int size) {
        field(id, LIST);
        if (size < 15) out.write((size << 4) | type);
        else {
            out.write(0xF0 | type);
            varint(size);
        }
        return this;
    }

    /** A list element that is a struct. */
    CompactWriter begin() {
        lastIds.push(lastId);
        lastId = 0;
        return this;
    }

    /** Ends a struct (the outermost one too). */
    CompactWriter end() {
        out.write(0);
        lastId = lastIds.isEmpty() ? 0 : lastIds.pop();
        return this;
    }

    /** A list element that is an i32. */
    CompactWriter i32Element(int value) {
        varint(zigzag(value));
        return this;
    }

    /** A list element that is a string. */
    CompactWriter stringElement(String value) {
        binary(value.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    private void field(int id, int type) {
        int delta = id - lastId;
        if (delta > 0 && delta <= 15) out.write((delta << 4) | type);
        else {
            out.write(type);
            varint(zigzag(id));
        }
        lastId = id;
    }

    private void binary(byte[] b) {
        varint(b.length);
        out.write(b, 0, b.length);
    }

    private void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }
}
