package flow.exec.condor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A log HTCondor only appends to, read piece by piece: {@link #unread} gives the text after what
 * the reader consumed, which then says how much of it was whole ({@link #consume}), so a record
 * still being written is read again, complete, next time.
 */
final class AppendedText {
    private final Path file;
    private long offset;

    AppendedText(Path file) {
        this.file = file;
    }

    /** The text after what was consumed; empty when nothing was appended (or there is no file yet). */
    String unread() {
        if (!Files.exists(file)) return "";
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= offset) return "";
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE, size - offset));
            channel.read(buffer, offset);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Marks the first {@code chars} characters of {@code text}, the last {@link #unread}, as read. */
    void consume(String text, int chars) {
        offset += text.substring(0, chars).getBytes(StandardCharsets.UTF_8).length;
    }
}
