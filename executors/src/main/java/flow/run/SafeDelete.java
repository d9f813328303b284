package flow.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The only way flow deletes: inside a run's own directory, never the directory itself, never
 * through a symbolic link (a link is removed, what it points to is left alone).
 */
public final class SafeDelete {
    private SafeDelete() {}

    /**
     * Deletes {@code target} (a file or a whole tree) if it lies strictly inside {@code root}.
     *
     * @return bytes freed
     * @throws IllegalArgumentException for an empty path, a path with {@code ..}, the root
     *                                  itself, or anything outside the root
     */
    public static long deleteInside(Path root, Path target) {
        if (target == null || target.toString().isEmpty()) throw new IllegalArgumentException("refusing to delete an empty path");
        for (Path part : target) {
            if (part.toString().equals("..")) throw new IllegalArgumentException("refusing to delete a path with '..': " + target);
        }
        Path realRoot;
        Path resolved;
        try {
            realRoot = root.toRealPath();
            // the parent may be a link; the target itself is never followed
            Path parent = target.toAbsolutePath().getParent();
            if (parent == null) throw new IllegalArgumentException("refusing to delete the file system root");
            if (!Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) return 0;
            resolved = parent.toRealPath().resolve(target.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + target, e);
        }
        if (resolved.getParent() == null || realRoot.getParent() == null) {
            throw new IllegalArgumentException("refusing to delete the file system root");
        }
        if (!resolved.startsWith(realRoot) || resolved.equals(realRoot)) {
            throw new IllegalArgumentException("refusing to delete " + target + ": not inside " + root);
        }
        if (!Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) return 0;
        try {
            return deleteTree(resolved);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + target, e);
        }
    }

    private static long deleteTree(Path path) throws IOException {
        long[] freed = {0};
        // walkFileTree does not follow links unless asked: a link is visited as a file
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) freed[0] += attrs.size();
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException error) throws IOException {
                if (error != null) throw error;
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
        return freed[0];
    }
}
