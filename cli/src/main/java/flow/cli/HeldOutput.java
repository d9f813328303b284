package flow.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/** Output held back until {@link #release} (then it, and all that follows, goes through) or dropped with this stream. */
final class HeldOutput extends OutputStream {
    private final PrintStream target;
    private ByteArrayOutputStream held = new ByteArrayOutputStream();

    HeldOutput(PrintStream target) {
        this.target = target;
    }

    synchronized void release() {
        if (held == null) return;
        target.write(held.toByteArray(), 0, held.size());
        target.flush();
        held = null;
    }

    @Override
    public synchronized void write(int b) {
        if (held != null) held.write(b); else target.write(b);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        if (held != null) held.write(bytes, offset, length); else target.write(bytes, offset, length);
    }

    @Override
    public synchronized void flush() {
        if (held == null) target.flush();
    }
}
