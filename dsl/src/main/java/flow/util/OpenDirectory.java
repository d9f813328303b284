package flow.util;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A directory held open to look up the attributes of files in it by their relative names. Where
 * the platform can (Linux), each lookup is a {@code fstatat} relative to the open directory: a
 * resume of 100,000 tasks makes 300,000 of them (each input, each task's result.json and out/),
 * and a short relative path is both cheaper to make and for the kernel to walk than a whole one.
 */
public final class OpenDirectory implements AutoCloseable {
    private final Path dir;
    private final SecureDirectoryStream<Path> open;

    private OpenDirectory(Path dir, SecureDirectoryStream<Path> open) {
        this.dir = dir;
        this.open = open;
    }

    /** The directory, held open if it can be; one that is not there has no files. */
    public static OpenDirectory of(Path dir) {
        try {
            DirectoryStream<Path> stream = Files.newDirectoryStream(dir);
            if (stream instanceof SecureDirectoryStream<Path> secure) return new OpenDirectory(dir, secure);
            stream.close();
        } catch (IOException none) {
            // not there (yet), or not readable: each lookup says so
        }
        return new OpenDirectory(dir, null);
    }

    /** The attributes of the file at this path under the directory (symbolic links followed). */
    public BasicFileAttributes readAttributes(String relative) throws IOException {
        if (open == null) return Files.readAttributes(dir.resolve(relative), BasicFileAttributes.class);
        return open.getFileAttributeView(Path.of(relative), BasicFileAttributeView.class).readAttributes();
    }

    /** The attributes of the file at this path under the directory, or null if there is none. */
    public BasicFileAttributes attributes(String relative) {
        try {
            return readAttributes(relative);
        } catch (IOException gone) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            if (open != null) open.close();
        } catch (IOException ignored) {
            // only read from
        }
    }
}
