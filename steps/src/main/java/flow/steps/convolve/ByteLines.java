package flow.steps.convolve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A cursor over the lines of an ASCII stream, cut straight from a byte buffer: after
 * {@link #next()} the current line is {@code buffer()[start() .. end())}, without its
 * {@code \n} or {@code \r\n}, valid until the next call. No String is made unless asked for.
 */
final class ByteLines implements AutoCloseable {
    private final InputStream in;
    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private int next;
    private int filled;
    private boolean eof;
    private boolean ended;
    private int number;

    ByteLines(InputStream in) {
        this.in = in;
    }

    /** Moves to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        int from = next;
        while (true) {
            byte[] b = buffer;
            for (int i = from; i < filled; i++) {
                if (b[i] == '\n') {
                    start = next;
                    end = i > start && b[i - 1] == '\r' ? i - 1 : i;
                    next = i + 1;
                    number++;
                    return true;
                }
            }
            if (eof) {
                if (next == filled) {
                    ended = true;
                    return false;
                }
                start = next;
                end = filled;
                next = filled;
                number++;
                return true;
            }
            from = filled - next;
            fill();
            from += next;
        }
    }

    /**
     * Moves past the next line, like {@link #next()}, if its bytes with their line ending are
     * exactly {@code line}; otherwise stays put and returns false. One comparison instead of a
     * search for the line's end.
     */
    boolean skip(byte[] line) throws IOException {
        return skip(line, 0, line.length);
    }

    /** {@link #skip(byte[])} for the line {@code line[from .. to)}, which must end in {@code \n} to match. */
    boolean skip(byte[] line, int from, int to) throws IOException {
        int length = to - from;
        if (length == 0 || line[to - 1] != '\n') return false;
        if (filled - next < length && !eof) fill();
        if (filled - next < length || !Arrays.equals(buffer, next, next + length, line, from, to)) return false;
        start = next;
        next += length;
        end = next - (length > 1 && line[to - 2] == '\r' ? 2 : 1);
        number++;
        return true;
    }

    /** A copy of the current line as written, with its line ending (if it has one: the last line of a file may not). */
    byte[] withEnding() {
        return Arrays.copyOfRange(buffer, start, next);
    }

    /** Whether {@link #next()} has found no more lines. */
    boolean ended() {
        return ended;
    }

    /** Where the current line's ending ends: {@code buffer()[start() .. endWithNewline())} is the line as written. */
    int endWithNewline() {
        return next;
    }

    byte[] buffer() {
        return buffer;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** 1-based number of the current line. */
    int number() {
        return number;
    }

    /** The first byte that is not a space or tab; 0 for a blank line. */
    byte firstVisible() {
        for (int i = start; i < end; i++) {
            byte c = buffer[i];
            if (c != ' ' && c != '\t') return c;
        }
        return 0;
    }

    String text() {
        return new String(buffer, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** Keeps the unread part at the front of the buffer (growing it for a long line) and reads more. */
    private void fill() throws IOException {
        if (next > 0) {
            System.arraycopy(buffer, next, buffer, 0, filled - next);
            filled -= next;
            next = 0;
        }
        if (filled == buffer.length) buffer = Arrays.copyOf(buffer, buffer.length * 2);
        int n = in.readNBytes(buffer, filled, buffer.length - filled);
        if (n == 0) eof = true;
        filled += n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
