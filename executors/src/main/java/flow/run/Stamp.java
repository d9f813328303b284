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

    private Stamp() {}

    /** The stamps of these files of one directory, in their order. */
    static List<String> of(Path dir, String... names) {
        FileStats files = FileStats.of(dir, List.of(names));
        return java.util.stream.IntStream.range(0, names.length).mapToObj(i -> files.exists(i)
                ? files.size(i) + ":" + files.modifiedNanos(i) + ":(dev=" + Long.toHexString(files.device(i)) + ",ino=" + files.inode(i) + ")"
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
        int comma = ByteText.indexOf(text, ',', from, to);
        return comma >= 0 && to - from > "(dev=,ino=)".length() && ByteText.equalsAscii(text, from, from + 5, "(dev=")
                && ByteText.equalsAscii(text, comma, comma + 5, ",ino=") && text[to - 1] == ')'
                && ByteText.hexNumber(text, from + 5, comma) == device && ByteText.number(text, comma + 5, to - 1) == inode;
    }
}
