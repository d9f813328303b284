package flow.rootio;

import io.airlift.compress.zstd.ZstdDecompressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.XZInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * ROOT's compressed records: a sequence of blocks, each with a 9-byte header — a two-letter
 * algorithm ("ZL" zlib, "XZ" LZMA, "L4" LZ4, "ZS" ZSTD, "CS" old ROOT zlib), a method byte,
 * then the compressed and uncompressed sizes as 3-byte little-endian numbers. An LZ4 block
 * starts with the xxhash64 of its compressed bytes, which is checked. A record whose stored
 * length equals its object length is not compressed at all. zlib and LZMA blocks go to libdeflate
 * and liblzma where {@link NativeCodecs} is loaded, to the JDK's zlib and xz-java otherwise.
 */
final class Decompression {
    private static final LZ4SafeDecompressor LZ4 = LZ4Factory.safeInstance().safeDecompressor();
    private static final XXHash64 XXH64 = XXHashFactory.safeInstance().hash64();
    /** zlib's state is costly to set up: one per thread, reset between blocks. */
    private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(() -> new Inflater(false));
    private static final ThreadLocal<Inflater> RAW_INFLATERS = ThreadLocal.withInitial(() -> new Inflater(true));

    private Decompression() {}

    /** @param compressed the record's bytes after its key; {@code objlen} its uncompressed length */
    static byte[] inflate(byte[] compressed, int offset, int length, int objlen, String where) {
        return inflate(compressed, offset, length, objlen, where, NativeCodecs.LOADED);
    }

    /** @param nativeCodecs whether zlib and LZMA blocks go to libdeflate and liblzma */
    static byte[] inflate(byte[] compressed, int offset, int length, int objlen, String where, boolean nativeCodecs) {
        if (length == objlen) {
            byte[] copy = new byte[length];
            System.arraycopy(compressed, offset, copy, 0, length);
            return copy;
        }
        byte[] out = new byte[objlen];
        int in = offset, end = offset + length, done = 0;
        while (done < objlen) {
            if (in + 9 > end) throw new RootException(where + ": compressed record ends after " + done + " of " + objlen + " bytes");
            String algorithm = new String(compressed, in, 2, java.nio.charset.StandardCharsets.ISO_8859_1);
            int csize = le24(compressed, in + 3), usize = le24(compressed, in + 6);
            int block = in + 9;
            if (block + csize > end || done + usize > objlen) throw new RootException(where + ": a " + algorithm + " block overruns its record");
            try {
                switch (algorithm) {
                    case "ZL", "CS" -> {
                        if (nativeCodecs) NativeCodecs.inflate(compressed, block, csize, out, done, usize, algorithm.equals("CS"));
                        else zlib(compressed, block, csize, out, done, usize, algorithm.equals("CS"));
                    }
                    case "XZ" -> {
                        if (nativeCodecs) NativeCodecs.unxz(compressed, block, csize, out, done, usize);
                        else xz(compressed, block, csize, out, done, usize);
                    }
                    case "L4" -> lz4(compressed, block, csize, out, done, usize, where);
                    case "ZS" -> new ZstdDecompressor().decompress(compressed, block, csize, out, done, usize);
                    default -> throw new RootException(where + ": unknown compression algorithm '" + algorithm + "'");
                }
            } catch (IOException | DataFormatException | RuntimeException e) {
                if (e instanceof RootException r) throw r;
                throw new RootException(where + ": cannot decompress a " + algorithm + " block (" + e.getMessage() + ")", e);
            }
            in = block + csize;
            done += usize;
        }
        return out;
    }

    private static int le24(byte[] b, int at) {
        return (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) | ((b[at + 2] & 0xff) << 16);
    }

    private static void zlib(byte[] in, int at, int len, byte[] out, int outAt, int usize, boolean raw) throws DataFormatException {
        Inflater inflater = (raw ? RAW_INFLATERS : INFLATERS).get();
        inflater.reset();
        inflater.setInput(in, at, len);
        int n = 0;
        while (n < usize && !inflater.finished()) {
            int got = inflater.inflate(out, outAt + n, usize - n);
            if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
            n += got;
        }
        if (n != usize) throw new DataFormatException("inflated " + n + " of " + usize + " bytes");
    }

    private static void xz(byte[] in, int at, int len, byte[] out, int outAt, int usize) throws IOException {
        // the array cache reuses xz's dictionary buffers from block to block
        try (XZInputStream xz = new XZInputStream(new ByteArrayInputStream(in, at, len), -1, true, BasicArrayCache.getInstance())) {
            int n = 0;
            while (n < usize) {
                int got = xz.read(out, outAt + n, usize - n);
                if (got < 0) throw new IOException("xz stream ended after " + n + " of " + usize + " bytes");
                n += got;
            }
        }
    }

    private static void lz4(byte[] in, int at, int len, byte[] out, int outAt, int usize, String where) {
        long stored = 0;
        for (int i = 0; i < 8; i++) stored = (stored << 8) | (in[at + i] & 0xff);
        long actual = XXH64.hash(in, at + 8, len - 8, 0);
        if (stored != actual) throw new RootException(where + ": LZ4 block checksum mismatch (corrupt file?)");
        int n = LZ4.decompress(in, at + 8, len - 8, out, outAt, usize);
        if (n != usize) throw new RootException(where + ": LZ4 block gave " + n + " of " + usize + " bytes");
    }
}
