package flow.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/** Writes a file under a temporary name beside it, then renames it into place. */
public final class AtomicFiles {
    private AtomicFiles() {}

    public static void write(Path target, String content) {
        Path tmp = temporarySibling(target);
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original failure is what matters
            }
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** A name in the same directory (so the rename is atomic) that no reader takes for the real file. */
    public static Path temporarySibling(Path target) {
        String name = "." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid()
                + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        return target.resolveSibling(name);
    }
}
