package flow.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The size, modification time and file key (device, inode) of many files of one directory,
 * looked up by their names relative to it (symbolic links followed). A resume of 100,000 tasks
 * looks at 300,000 files (each input, each task's result.json and out/); through NIO each look
 * costs about twice the system call and makes five objects, so where {@link NativeFiles} is
 * loaded, one call looks at all the names of a batch; elsewhere NIO does the same looks.
 */
public final class FileStats {
    private static final int FIELDS = 4, SIZE = 0, MODIFIED = 1, DEVICE = 2, INODE = 3;
    private static final int ENOENT = 2, EACCES = 13;

    private final Path dir;
    private final List<String> names;
    /** Per name, {@link #FIELDS} values; a size of -1 where the name has no file, the errno that said why after it. */
    private final long[] values;

    private FileStats(Path dir, List<String> names, long[] values) {
        this.dir = dir;
        this.names = names;
        this.values = values;
    }

    /** The attributes of these files of {@code dir}, names relative to it; a directory that is not there has none of them. */
    public static FileStats of(Path dir, List<String> names) {
        long[] values = new long[names.size() * FIELDS];
        if (NativeFiles.LOADED && NativeFiles.statAll(NativeFiles.bytes(dir.toString()), encoded(names), names.size(), values) == 0) {
            return new FileStats(dir, names, values);
        }
        return throughNio(dir, names);
    }

    /** The same attributes, looked at one by one through NIO. */
    static FileStats throughNio(Path dir, List<String> names) {
        long[] values = new long[names.size() * FIELDS];
        for (int i = 0; i < names.size(); i++) {
            int at = i * FIELDS;
            try {
                Map<String, Object> a = Files.readAttributes(dir.resolve(names.get(i)), "unix:size,lastModifiedTime,dev,ino");
                values[at + SIZE] = (Long) a.get("size");
                values[at + MODIFIED] = ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS);
                values[at + DEVICE] = (Long) a.get("dev");
                values[at + INODE] = (Long) a.get("ino");
            } catch (IOException e) {
                values[at + SIZE] = -1;
                values[at + MODIFIED] = e instanceof NoSuchFileException ? ENOENT : e instanceof AccessDeniedException ? EACCES : 0;
            }
        }
        return new FileStats(dir, names, values);
    }

    public boolean exists(int i) {
        return values[i * FIELDS + SIZE] >= 0;
    }

    public long size(int i) {
        return values[i * FIELDS + SIZE];
    }

    public long modifiedNanos(int i) {
        return values[i * FIELDS + MODIFIED];
    }

    /** As NIO's {@code FileTime.toMillis} gives it: toward zero. */
    public long modifiedMillis(int i) {
        return modifiedNanos(i) / 1_000_000L;
    }

    public long device(int i) {
        return values[i * FIELDS + DEVICE];
    }

    public long inode(int i) {
        return values[i * FIELDS + INODE];
    }

    /** Why the name has no attributes, as NIO would have said it. */
    public IOException failure(int i) {
        String file = dir.resolve(names.get(i)).toString();
        long errno = values[i * FIELDS + MODIFIED];
        if (errno == ENOENT) return new NoSuchFileException(file);
        if (errno == EACCES) return new AccessDeniedException(file);
        return new FileSystemException(file, null, "cannot read its attributes (errno " + errno + ")");
    }

    /** The names, each NUL-terminated, one after the other. */
    private static byte[] encoded(List<String> names) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream(names.size() * 24);
        for (String name : names) {
            all.writeBytes(name.getBytes(StandardCharsets.UTF_8));
            all.write(0);
        }
        return all.toByteArray();
    }
}
