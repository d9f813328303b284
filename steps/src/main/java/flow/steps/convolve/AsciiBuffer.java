package flow.steps.convolve;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** A growable buffer of ASCII output bytes: what a StringBuilder is, without the String and its re-encoding. */
public final class AsciiBuffer {
    private byte[] bytes;
    private int size;

    public AsciiBuffer(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    public AsciiBuffer append(char c) {
        ensure(1);
        bytes[size++] = (byte) c;
        return this;
    }

    /** Appends an ASCII string. */
    public AsciiBuffer append(String text) {
        ensure(text.length());
        text.getBytes(0, text.length(), bytes, size); // Latin-1 copy, which is exact for ASCII
        size += text.length();
        return this;
    }

    public AsciiBuffer append(byte[] text) {
        return append(text, 0, text.length);
    }

    /** Appends {@code text[from .. to)}. */
    public AsciiBuffer append(byte[] text, int from, int to) {
        ensure(to - from);
        System.arraycopy(text, from, bytes, size, to - from);
        size += to - from;
        return this;
    }

    /** Appends a non-negative number in decimal. */
    public AsciiBuffer append(long value) {
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) digits++;
        ensure(digits);
        size += digits;
        int at = size;
        do { // last digit first; not a counted loop, so C2 needs no loop-limit check that could trap
            bytes[--at] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        return this;
    }

    public int size() {
        return size;
    }

    /** The bytes appended so far are {@code array()[0 .. size())}; valid until the next append. */
    byte[] array() {
        return bytes;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, size, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
}
