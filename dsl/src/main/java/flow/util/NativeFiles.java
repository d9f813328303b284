package flow.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The small JNI library {@code src/main/c} builds (where gcc is), for what a resume does to a
 * production's directories of 100,000 files, where the JDK's cost per file is more than the
 * kernel's work: {@link FileStats} and {@link DirectoryNames} use it where it is loaded, and the
 * JDK where it was not built, cannot be loaded, or {@code -Dflow.files=java} is given.
 */
final class NativeFiles {
    /** Whether the library is loaded in this JVM. */
    static final boolean LOADED = load();

    private NativeFiles() {}

    /** A path or name as the library takes it: its bytes, NUL-terminated. */
    static byte[] bytes(String text) {
        byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(encoded, encoded.length + 1);
    }

    /**
     * Fills {@code out} ({@code count} groups of four: size, modification time in ns, device,
     * inode; a size of -1 and the errno where a name has none) with the attributes of the
     * {@code count} NUL-terminated {@code names} of {@code dir}. Returns 0, or the errno of
     * opening {@code dir} (then out is untouched).
     */
    static native int statAll(byte[] dir, byte[] names, int count, long[] out);

    /** The names in {@code dir} but . and .., sorted as their bytes are, each NUL-terminated; null where it cannot be read. */
    static native byte[] sortedNames(byte[] dir);

    private static boolean load() {
        // names go to the library as UTF-8 bytes: exactly what the JDK passes where that is its encoding
        if ("java".equals(System.getProperty("flow.files")) || !"Linux".equals(System.getProperty("os.name"))
                || !"UTF-8".equals(System.getProperty("sun.jnu.encoding"))) return false;
        String arch = System.getProperty("os.arch").replace("amd64", "x86_64");
        try (InputStream library = NativeFiles.class.getResourceAsStream("native/linux-" + arch + "/libflowfiles.so")) {
            if (library == null) return false;
            // System.load needs a file: a private copy, removed once loaded (the mapping stays)
            Path copy = Files.createTempFile("flow-files", ".so");
            try {
                Files.copy(library, copy, StandardCopyOption.REPLACE_EXISTING);
                System.load(copy.toString());
            } finally {
                Files.deleteIfExists(copy);
            }
            return true;
        } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
            return false;
        }
    }
}
