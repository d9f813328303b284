package flow.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A stage's {@code tasks/} directory, held open to look up the attributes of files in it by
 * their relative names. Where the platform can (Linux), each lookup is a {@code fstatat} relative
 * to the open directory: a resume of 100,000 tasks makes 200,000 of them, and a path of two
 * names is both cheaper to make and for the kernel to walk than a whole path.
 */
final class TaskFiles implements AutoCloseable {
    private final Path dir;
    private final SecureDirectoryStream<Path> open;

    private TaskFiles(Path dir, SecureDirectoryStream<Path> open) {
        this.dir = dir;
        this.open = open;
    }

    static TaskFiles of(Path dir) {
        try {
            DirectoryStream<Path> stream = Files.newDirectoryStream(dir);
            if (stream instanceof SecureDirectoryStream<Path> secure) return new TaskFiles(dir, secure);
            stream.close();
        } catch (IOException none) {
            // no tasks yet: every lookup finds nothing
        }
        return new TaskFiles(dir, null);
    }

    /** The attributes of the file at this path under the directory (symbolic links followed), or null if there is none. */
    BasicFileAttributes attributes(String relative) {
        try {
            if (open == null) return Files.readAttributes(dir.resolve(relative), BasicFileAttributes.class);
            return open.getFileAttributeView(Path.of(relative), BasicFileAttributeView.class).readAttributes();
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
