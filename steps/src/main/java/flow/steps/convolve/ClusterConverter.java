package flow.steps.convolve;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Converts one pixelAV cluster file ({@code .out} or {@code .out.gz}) into
 * {@code convolved_output_<base>.out.gz}, one cluster at a time, streaming in and out. The
 * output is written under a temporary name and renamed only when complete; on any error it is
 * removed and the error names the file and line.
 */
public final class ClusterConverter {
    /** Marks the end of the clusters in the queue of renderings. */
    private static final Future<AsciiBuffer> END = CompletableFuture.completedFuture(null);

    private final PulseTable.Raw pulses;
    private final int threads;

    public ClusterConverter(PulseTable.Raw pulses) {
        this(pulses, 1);
    }

    /** @param threads CPUs to use: with more than one, clusters are parsed, convolved and formatted in parallel, written in order */
    public ClusterConverter(PulseTable.Raw pulses, int threads) {
        this.pulses = pulses;
        this.threads = Math.max(1, threads);
    }

    public static String outputName(Path input) {
        String name = input.getFileName().toString();
        String base = name.endsWith(".out.gz") ? name.substring(0, name.length() - 7)
                : name.endsWith(".out") ? name.substring(0, name.length() - 4) : name;
        return "convolved_output_" + base + ".out.gz";
    }

    /** @return the output file */
    public Path convert(Path input, Path outDir) throws IOException {
        if (Files.size(input) == 0) throw new IllegalArgumentException(input + ": empty (0 bytes): expected a pixelAV cluster file");
        Path target = outDir.resolve(outputName(input));
        Path tmp = outDir.resolve("." + target.getFileName() + ".tmp");
        try (ByteLines in = new ByteLines(open(input));
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            convert(new ClusterReader(input, in, pulses), input, out);
        } catch (InterruptedException e) {
            Files.deleteIfExists(tmp);
            Thread.currentThread().interrupt();
            throw new IOException(input + ": interrupted", e);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            if (e instanceof EOFException || e instanceof ZipException) {
                throw new IllegalArgumentException(input + ": truncated or corrupt gzip stream (" + e.getMessage() + ")");
            }
            throw e;
        } catch (Error e) { // e.g. out of memory in a render thread: no temporary file left behind either
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static InputStream open(Path input) throws IOException {
        InputStream raw = Files.newInputStream(input);
        return input.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
    }

    private void convert(ClusterReader reader, Path input, OutputStream out) throws IOException, InterruptedException {
        AsciiBuffer header = new AsciiBuffer(256);
        boolean clusters = reader.header(header);
        header.writeTo(out);
        if (!clusters) return; // no cluster: a header-only output
        ClusterResponse response = new ClusterResponse(input, reader.grid());
        if (threads == 1) {
            for (ClusterText c; (c = reader.next()) != null; ) response.render(c).writeTo(out);
            return;
        }
        // one thread reads ahead, the others render, this one writes in input order. Reading
        // (inflating and cutting rows) is the largest of the three; on 2 CPUs each of them gets
        // a core while rendering and writing share the other. At most 2 clusters per thread wait.
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        BlockingQueue<Future<AsciiBuffer>> inOrder = new ArrayBlockingQueue<>(2 * threads);
        try {
            pool.submit(() -> readAhead(reader, response, pool, inOrder));
            for (Future<AsciiBuffer> next; (next = inOrder.take()) != END; ) await(next).writeTo(out);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES); // the reader has stopped before its stream is closed
        }
    }

    /** Reads every cluster and queues its rendering, then {@link #END}; or queues the failure. */
    private static Void readAhead(ClusterReader reader, ClusterResponse response, ExecutorService pool,
                                  BlockingQueue<Future<AsciiBuffer>> inOrder) throws InterruptedException {
        try {
            for (ClusterText c; (c = reader.next()) != null; ) {
                ClusterText cluster = c;
                inOrder.put(pool.submit(() -> response.render(cluster)));
            }
            inOrder.put(END);
        } catch (InterruptedException e) {
            throw e; // the writer has stopped: nobody waits for the queue
        } catch (Throwable e) { // even an Error: the writer waits for the queue, it must not wait forever
            inOrder.put(CompletableFuture.failedFuture(e));
        }
        return null;
    }

    private static AsciiBuffer await(Future<AsciiBuffer> result) throws IOException, InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof Error error) throw error;
            throw new IOException(e.getCause());
        }
    }
}
