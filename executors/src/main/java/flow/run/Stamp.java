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
 * as they are, so {@link #matches} reads the recorded bytes in place instead of building a stamp.
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
    static boolean matches(byte[] text, int from, int to, BasicFileAttributes file, boolean compareKey) {
        if (file == null) return false;
        int sizeEnd = ByteText.indexOf(text, ':', from, to), timeEnd = sizeEnd < 0 ? -1 : ByteText.indexOf(text, ':', sizeEnd + 1, to);
        if (timeEnd < 0 || ByteText.number(text, from, sizeEnd) != file.size()
                || ByteText.number(text, sizeEnd + 1, timeEnd) != file.lastModifiedTime().to(TimeUnit.NANOSECONDS)) return false;
        return !compareKey || ByteText.equalsAscii(text, timeEnd + 1, to, Objects.toString(file.fileKey(), ""));
    }
}
