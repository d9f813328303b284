package flow.steps.convolve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Lines of an ASCII stream, cut straight from a byte buffer: no charset decoder, each line one
 * Latin-1 String (a plain copy). {@code \r\n} and {@code \n} both end a line.
 */
final class AsciiLines implements AutoCloseable {
    private final InputStream in;
    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private boolean eof;

    AsciiLines(InputStream in) {
        this.in = in;
    }

    /** The next line without its end, or null at the end of the stream. */
    String next() throws IOException {
        while (true) {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    int stop = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buffer, start, stop - start, StandardCharsets.ISO_8859_1);
                    start = i + 1;
                    return line;
                }
            }
            if (eof) {
                if (start == end) return null;
                String last = new String(buffer, start, end - start, StandardCharsets.ISO_8859_1);
                start = end;
                return last;
            }
            fill();
        }
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) eof = true;
        else end += n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
