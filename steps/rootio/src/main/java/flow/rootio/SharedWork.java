package flow.rootio;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs numbered pieces of work (branches, baskets) on the calling thread and up to threads − 1
 * helpers, each taking the next number in turn. The helpers come from one pool kept between reads
 * (daemons: they never hold the JVM), so a read starts no thread.
 */
final class SharedWork {
    private static final ExecutorService HELPERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "rootio-reader");
        t.setDaemon(true);
        return t;
    });

    interface Piece {
        void run(int number) throws IOException;
    }

    private SharedWork() {}

    /** Runs {@code piece} for 0 .. count − 1; {@code where} names what is read in an interruption. */
    static void run(int count, int threads, Piece piece, String where) throws IOException {
        if (threads <= 1 || count < 2) {
            for (int i = 0; i < count; i++) piece.run(i);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i; (i = next.getAndIncrement()) < count; ) {
                try {
                    piece.run(i);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        List<Future<?>> helpers = new ArrayList<>();
        for (int t = 1; t < Math.min(threads, count); t++) helpers.add(HELPERS.submit(worker));
        try {
            worker.run();
            for (var h : helpers) h.get();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + where);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) throw io.getCause();
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IOException(e.getCause());
        }
    }
}
