package flow.rootio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.DataFormatException;

/**
 * ROOT's zlib and LZMA blocks decoded by libdeflate and liblzma, through the small JNI library
 * {@code src/main/c} builds into this module where their headers are installed (Debian's
 * libdeflate-dev and liblzma-dev). A read spends most of its time in these two codecs, and
 * libdeflate inflates about twice as fast as the JDK's zlib (docs/benchmarks.md). Where the
 * library was not built, cannot be loaded (another system, libdeflate0 not installed) or
 * {@code -Dflow.rootio.codecs=java} is given, {@link #LOADED} is false and the JDK's zlib and
 * xz-java are used: the bytes are the same either way.
 */
final class NativeCodecs {
    static final boolean LOADED = load();

    private NativeCodecs() {}

    /** Which codecs decode zlib and LZMA blocks in this JVM, in words. */
    static String describe() {
        return LOADED ? "libdeflate and liblzma (native)" : "the JDK's zlib and xz-java";
    }

    /** Decodes one zlib block ({@code raw}: a bare deflate stream) of exactly {@code size} bytes into {@code out}. */
    static void inflate(byte[] in, int at, int len, byte[] out, int outAt, int size, boolean raw) throws DataFormatException {
        int written = raw ? deflate(in, at, len, out, outAt, size) : zlib(in, at, len, out, outAt, size);
        check(written, size);
    }

    /** Decodes one xz stream of exactly {@code size} bytes into {@code out}. */
    static void unxz(byte[] in, int at, int len, byte[] out, int outAt, int size) throws DataFormatException {
        check(xz(in, at, len, out, outAt, size), size);
    }

    private static void check(int written, int size) throws DataFormatException {
        switch (written) {
            case -1 -> throw new DataFormatException("corrupt or truncated data");
            case -2 -> throw new DataFormatException("decodes to more than the " + size + " bytes announced");
            case -3 -> throw new DataFormatException("out of memory");
            default -> {
                if (written != size) throw new DataFormatException("decoded " + written + " of " + size + " bytes");
            }
        }
    }

    // Each returns the bytes written, or -1 corrupt or truncated input, -2 output space too small, -3 out of memory.
    private static native int zlib(byte[] in, int at, int len, byte[] out, int outAt, int size);

    private static native int deflate(byte[] in, int at, int len, byte[] out, int outAt, int size);

    private static native int xz(byte[] in, int at, int len, byte[] out, int outAt, int size);

    private static boolean load() {
        if ("java".equals(System.getProperty("flow.rootio.codecs")) || !"Linux".equals(System.getProperty("os.name"))) return false;
        String arch = System.getProperty("os.arch").replace("amd64", "x86_64");
        try (InputStream library = NativeCodecs.class.getResourceAsStream("native/linux-" + arch + "/libflowcodecs.so")) {
            if (library == null) return false;
            // System.load needs a file: a private copy, removed once loaded (the mapping stays)
            Path copy = Files.createTempFile("flow-codecs", ".so");
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
