package flow.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What changes whenever a file is written anew: {@code size:mtime-in-ns:file-key} (the file key
 * names the inode), or {@code -} for no file. A resume compares 200,000 of them against the files
 * as they are, so {@link #matches} reads the recorded text in place instead of building a stamp.
 */
final class Stamp {
    static final String NONE = "-";

    private Stamp() {}

    static String of(Path path) {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return a.size() + ":" + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + ":" + Objects.toString(a.fileKey(), "");
        } catch (IOException gone) {
            return NONE;
        }
    }

    /**
     * Whether the stamp at {@code [from, to)} in {@code text} is that of a file with these
     * attributes ({@code null}: no file). A directory's key need not be compared: removing or
     * moving an entry changes its time, and a new directory of a new attempt comes with a new result.
     */
    static boolean matches(String text, int from, int to, BasicFileAttributes file, boolean compareKey) {
        if (file == null || text.startsWith(NONE, from)) return false;
        int sizeEnd = text.indexOf(':', from), timeEnd = text.indexOf(':', sizeEnd + 1);
        if (sizeEnd < 0 || timeEnd < 0 || timeEnd >= to) return false;
        try {
            if (Long.parseLong(text, from, sizeEnd, 10) != file.size()
                    || Long.parseLong(text, sizeEnd + 1, timeEnd, 10) != file.lastModifiedTime().to(TimeUnit.NANOSECONDS)) return false;
        } catch (NumberFormatException torn) {
            return false;
        }
        if (!compareKey) return true;
        String key = Objects.toString(file.fileKey(), "");
        return to - (timeEnd + 1) == key.length() && text.startsWith(key, timeEnd + 1);
    }
}
