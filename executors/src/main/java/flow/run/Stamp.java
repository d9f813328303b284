package flow.run;

import flow.util.FileStats;

import java.nio.file.Path;
import java.util.List;

/**
 * What changes whenever a file is written anew: {@code size:mtime-in-ns:(dev=D,ino=I)} (the
 * device in hex and the inode name the file, as NIO's file key writes them), or {@code -} for no
 * file. A resume compares 200,000 of them against the files as they are, so {@link #matches}
 * reads the recorded bytes in place instead of building a stamp.
 */
final class Stamp {
    static final String NONE = "-";
    /** How the file key is written: {@code (dev=D,ino=I)}. */
    private static final String DEVICE = "(dev=", INODE = ",ino=", KEY_END = ")";

    private Stamp() {}

    /** The stamps of these files of one directory, in their order. */
    static List<String> of(Path dir, String... names) {
        FileStats files = FileStats.of(dir, List.of(names));
        return java.util.stream.IntStream.range(0, names.length).mapToObj(i -> files.exists(i)
                ? files.size(i) + ":" + files.modifiedNanos(i) + ":" + DEVICE + Long.toHexString(files.device(i)) + INODE + files.inode(i) + KEY_END
                : NONE).toList();
    }

    /**
     * Whether the stamp at {@code [from, to)} in {@code text} is that of file {@code i} of
     * {@code files}. A directory's key need not be compared: removing or moving an entry changes
     * its time, and a new directory of a new attempt comes with a new result.
     */
    static boolean matches(byte[] text, int from, int to, FileStats files, int i, boolean compareKey) {
        if (!files.exists(i)) return false;
        int sizeEnd = ByteText.indexOf(text, ':', from, to), timeEnd = sizeEnd < 0 ? -1 : ByteText.indexOf(text, ':', sizeEnd + 1, to);
        if (timeEnd < 0 || ByteText.number(text, from, sizeEnd) != files.size(i)
                || ByteText.number(text, sizeEnd + 1, timeEnd) != files.modifiedNanos(i)) return false;
        return !compareKey || keyMatches(text, timeEnd + 1, to, files.device(i), files.inode(i));
    }

    /** Whether {@code [from, to)} holds {@code (dev=D,ino=I)}, D in hex. */
    private static boolean keyMatches(byte[] text, int from, int to, long device, long inode) {
        int comma = ByteText.indexOf(text, INODE.charAt(0), from, to), inodeAt = comma + INODE.length(), end = to - KEY_END.length();
        return comma >= 0 && inodeAt <= end && ByteText.equalsAscii(text, from, from + DEVICE.length(), DEVICE)
                && ByteText.equalsAscii(text, comma, inodeAt, INODE) && ByteText.equalsAscii(text, end, to, KEY_END)
                && ByteText.hexNumber(text, from + DEVICE.length(), comma) == device && ByteText.number(text, inodeAt, end) == inode;
    }
}
