package flow.run;

import flow.util.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ledger.jsonl}: the head's append-only record (one JSON object per line). A line cut
 * short by a crash is skipped when reading, so the ledger is never unreadable.
 */
public final class Ledger implements AutoCloseable {
    private final Writer out;

    private Ledger(Writer out) {
        this.out = out;
    }

    public static Ledger open(Path file) {
        try {
            repairTail(file);
            return new Ledger(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /** Appends {@code {"time": now, "event": event, ...fields}} and flushes it. */
    public synchronized void append(LedgerEvent event, Map<String, ?> fields) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("time", Instant.now().toString());
        record.put("event", event.key);
        record.putAll(fields);
        try {
            out.write(Json.compact(record));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the ledger", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the ledger", e);
        }
    }

    /** Every complete record, oldest first. */
    @SuppressWarnings("unchecked")
    public static List<LedgerRecord> read(Path file) {
        List<LedgerRecord> records = new ArrayList<>();
        if (!Files.exists(file)) return records;
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) continue;
                try {
                    if (Json.parse(line) instanceof Map<?, ?> m) records.add(new LedgerRecord((Map<String, Object>) m));
                } catch (RuntimeException torn) {
                    // a line a crash cut short: it recorded nothing complete
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return records;
    }

    /** How many attempts each task has had: the count of its task-start records. */
    public static Map<TaskKey, Integer> attempts(Path file) {
        Map<TaskKey, Integer> attempts = new java.util.HashMap<>();
        for (LedgerRecord r : read(file)) {
            if (r.is(LedgerEvent.TASK_START)) attempts.merge(r.task(), 1, Integer::sum);
        }
        return attempts;
    }

    /** A crash may leave a last line without its newline: end it, so the next record starts clean. */
    private static void repairTail(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) return;
        try (var channel = Files.newByteChannel(file, StandardOpenOption.READ)) {
            var last = java.nio.ByteBuffer.allocate(1);
            channel.position(channel.size() - 1).read(last);
            if (last.get(0) == '\n') return;
        }
        Files.writeString(file, "\n", StandardOpenOption.APPEND);
    }
}
