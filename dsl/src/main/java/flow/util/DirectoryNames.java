package flow.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The names in a directory, sorted as their bytes are: the order paths sort in (a glob's
 * matches are planned in it). A production's directory holds 100,000 files and a resume lists it
 * each time; where {@link NativeFiles} is loaded it reads and sorts them in one call.
 */
public final class DirectoryNames {
    private DirectoryNames() {}

    public static List<String> sorted(Path dir) throws IOException {
        byte[] joined = NativeFiles.LOADED ? NativeFiles.sortedNames(NativeFiles.bytes(dir.toString())) : null;
        if (joined == null) return throughJdk(dir);
        List<String> names = new ArrayList<>();
        for (int start = 0, end; start < joined.length; start = end + 1) {
            end = start;
            while (joined[end] != 0) end++;
            names.add(new String(joined, start, end - start, StandardCharsets.UTF_8));
        }
        return names;
    }

    /** The same names, listed and sorted by the JDK. */
    static List<String> throughJdk(Path dir) throws IOException {
        String[] names = dir.toFile().list();
        if (names == null) throw new IOException("cannot list " + dir);
        // text order is byte order but where a name holds a character outside the BMP (a surrogate pair)
        if (Arrays.stream(names).anyMatch(DirectoryNames::hasSurrogate)) {
            return Arrays.stream(names).map(n -> n.getBytes(StandardCharsets.UTF_8)).sorted(Arrays::compareUnsigned)
                    .map(b -> new String(b, StandardCharsets.UTF_8)).toList();
        }
        return Arrays.stream(names).parallel().sorted().toList();
    }

    private static boolean hasSurrogate(String name) {
        for (int i = 0; i < name.length(); i++) if (Character.isSurrogate(name.charAt(i))) return true;
        return false;
    }
}
