package flow.steps.parquet;

import io.airlift.compress.zstd.ZstdCompressor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a Parquet file that pandas, pyarrow, awkward and DuckDB read as they are: one row
 * group, required scalar columns and required 3-level LIST columns ({@code name.list.element}),
 * PLAIN values, RLE levels, data pages of at most {@value #ROWS_PER_PAGE} rows, each compressed
 * with ZSTD. Written under a temporary name in the target's directory and renamed when complete.
 *
 * <p>Why not parquet-java: any codec there goes through Hadoop's Configuration, which needs
 * hadoop-client-api and hadoop-client-runtime at run time (measured: 6.8 MB of Parquet jars +
 * 19.6 MB hadoop-client-api + the shaded runtime); this writer adds nothing beyond the ZSTD
 * compressor the ROOT reader already uses. Files are checked by DuckDB in the specs.
 */
public final class ParquetFile {
    static final int ROWS_PER_PAGE = 8192;
    private static final int PLAIN = 0, RLE = 3, ZSTD = 6, REQUIRED = 0, REPEATED = 2, UTF8 = 0, LIST = 3;
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private ParquetFile() {}

    public static void write(Path target, List<OutputColumn> columns, long rows, String createdBy) throws IOException {
        for (OutputColumn c : columns) {
            long have = c.list() ? c.offsets().length - 1 : c.elements();
            if (have != rows) throw new IllegalArgumentException("column " + c.name() + " has " + have + " rows, not " + rows);
        }
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            Counting file = new Counting(out);
            file.write(MAGIC);
            List<Chunk> chunks = new ArrayList<>();
            for (OutputColumn c : columns) chunks.add(chunk(file, c, (int) rows));
            byte[] footer = footer(columns, chunks, rows, createdBy);
            file.write(footer);
            file.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.length).array());
            file.write(MAGIC);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private record Chunk(long offset, long values, long uncompressed, long compressed) {}

    private static Chunk chunk(Counting file, OutputColumn c, int rows) throws IOException {
        long offset = file.count, values = 0, uncompressed = 0, compressed = 0;
        ZstdCompressor zstd = new ZstdCompressor();
        for (int from = 0; from < rows || (rows == 0 && from == 0); from += ROWS_PER_PAGE) {
            int to = Math.min(rows, from + ROWS_PER_PAGE);
            Page page = page(c, from, to);
            byte[] body = page.body.toByteArray();
            byte[] packed = new byte[zstd.maxCompressedLength(body.length)];
            int n = zstd.compress(body, 0, body.length, packed, 0, packed.length);
            byte[] header = new CompactWriter()
                    .i32(1, 0).i32(2, body.length).i32(3, n)
                    .struct(5).i32(1, page.levels).i32(2, PLAIN).i32(3, RLE).i32(4, RLE).end()
                    .end().bytes();
            file.write(header);
            file.write(packed, n);
            values += page.levels;
            uncompressed += header.length + body.length;
            compressed += header.length + n;
            if (rows == 0) break;
        }
        return new Chunk(offset, values, uncompressed, compressed);
    }

    private static final class Page {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        int levels;
    }

    /** Rows [from, to): for a list column, repetition and definition levels, then the values. */
    private static Page page(OutputColumn c, int from, int to) {
        Page page = new Page();
        int first = from, last = to;
        if (c.list()) {
            Levels rep = new Levels(), def = new Levels();
            for (int row = from; row < to; row++) {
                int n = c.offsets()[row + 1] - c.offsets()[row];
                if (n == 0) {
                    rep.add(0);
                    def.add(0);
                }
                for (int j = 0; j < n; j++) {
                    rep.add(j == 0 ? 0 : 1);
                    def.add(1);
                }
            }
            page.levels = rep.count;
            rep.writeTo(page.body);
            def.writeTo(page.body);
            first = c.offsets()[from];
            last = c.offsets()[to];
        } else {
            page.levels = to - from;
        }
        plain(c, first, last, page.body);
        return page;
    }

    private static void plain(OutputColumn c, int from, int to, ByteArrayOutputStream out) {
        ByteBuffer b;
        switch (c.kind()) {
            case BOOLEAN -> {
                byte[] bits = new byte[(to - from + 7) / 8];
                for (int i = from; i < to; i++) if (c.doubles()[i] != 0) bits[(i - from) / 8] |= (byte) (1 << ((i - from) % 8));
                out.writeBytes(bits);
                return;
            }
            case STRING -> {
                for (int i = from; i < to; i++) {
                    byte[] s = c.strings()[i].getBytes(StandardCharsets.UTF_8);
                    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(s.length).array());
                    out.writeBytes(s);
                }
                return;
            }
            case INT32 -> {
                b = ByteBuffer.allocate(4 * (to - from)).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = from; i < to; i++) b.putInt((int) c.doubles()[i]);
            }
            case INT64 -> {
                b = ByteBuffer.allocate(8 * (to - from)).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = from; i < to; i++) b.putLong(c.longs() != null ? c.longs()[i] : (long) c.doubles()[i]);
            }
            case FLOAT -> {
                b = ByteBuffer.allocate(4 * (to - from)).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = from; i < to; i++) b.putFloat((float) c.doubles()[i]);
            }
            default -> {
                b = ByteBuffer.allocate(8 * (to - from)).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = from; i < to; i++) b.putDouble(c.doubles()[i]);
            }
        }
        out.writeBytes(b.array());
    }

    /** Levels of bit width 1 in the RLE/bit-packed hybrid, as RLE runs only, behind their 4-byte length. */
    private static final class Levels {
        private final ByteArrayOutputStream runs = new ByteArrayOutputStream();
        private int value = -1, run, count;

        void add(int level) {
            if (level != value && run > 0) flush();
            value = level;
            run++;
            count++;
        }

        private void flush() {
            long header = (long) run << 1;
            while ((header & ~0x7FL) != 0) {
                runs.write((int) ((header & 0x7F) | 0x80));
                header >>>= 7;
            }
            runs.write((int) header);
            runs.write(value);
            run = 0;
        }

        void writeTo(ByteArrayOutputStream out) {
            if (run > 0) flush();
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(runs.size()).array());
            out.writeBytes(runs.toByteArray());
        }
    }

    private static byte[] footer(List<OutputColumn> columns, List<Chunk> chunks, long rows, String createdBy) {
        CompactWriter w = new CompactWriter().i32(1, 1);
        int elements = 1 + columns.stream().mapToInt(c -> c.list() ? 3 : 1).sum();
        w.list(2, CompactWriter.STRUCT, elements);
        w.begin().string(4, "schema").i32(5, columns.size()).end();
        for (OutputColumn c : columns) {
            if (c.list()) {
                w.begin().i32(3, REQUIRED).string(4, c.name()).i32(5, 1).i32(6, LIST).struct(10).struct(3).end().end().end();
                w.begin().i32(3, REPEATED).string(4, "list").i32(5, 1).end();
                leaf(w, c, "element");
            } else {
                leaf(w, c, c.name());
            }
        }
        w.i64(3, rows);
        long total = chunks.stream().mapToLong(Chunk::uncompressed).sum(), packed = chunks.stream().mapToLong(Chunk::compressed).sum();
        w.list(4, CompactWriter.STRUCT, 1).begin();
        w.list(1, CompactWriter.STRUCT, columns.size());
        for (int i = 0; i < columns.size(); i++) {
            OutputColumn c = columns.get(i);
            Chunk k = chunks.get(i);
            List<String> path = c.list() ? List.of(c.name(), "list", "element") : List.of(c.name());
            w.begin().i64(2, k.offset()).struct(3)
                    .i32(1, c.kind().physical)
                    .list(2, CompactWriter.I32, 2).i32Element(PLAIN).i32Element(RLE)
                    .list(3, CompactWriter.BINARY, path.size());
            path.forEach(w::stringElement);
            w.i32(4, ZSTD).i64(5, k.values()).i64(6, k.uncompressed()).i64(7, k.compressed()).i64(9, k.offset())
                    .end().end();
        }
        w.i64(2, total).i64(3, rows).i64(5, chunks.isEmpty() ? 4 : chunks.get(0).offset()).i64(6, packed).end();
        w.string(6, createdBy);
        return w.end().bytes();
    }

    private static void leaf(CompactWriter w, OutputColumn c, String name) {
        w.begin().i32(1, c.kind().physical).i32(3, REQUIRED).string(4, name);
        if (c.kind() == OutputColumn.Kind.STRING) w.i32(6, UTF8).struct(10).struct(1).end().end();
        w.end();
    }

    /** Counts the bytes written, for the offsets the footer records. */
    private static final class Counting {
        private final OutputStream out;
        long count;

        Counting(OutputStream out) {
            this.out = out;
        }

        void write(byte[] b) throws IOException {
            write(b, b.length);
        }

        void write(byte[] b, int n) throws IOException {
            out.write(b, 0, n);
            count += n;
        }
    }
}
