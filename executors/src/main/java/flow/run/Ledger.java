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

    /** A ledger that keeps nothing: a dry run's head records nothing. */
    public static Ledger discarding() {
        return new Ledger(Writer.nullWriter());
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
    public static List<LedgerRecord> read(Path file) {
        List<LedgerRecord> records = new ArrayList<>();
        forEach(file, records::add);
        return records;
    }

    /**
     * Streams every complete record, oldest first. Bytes that are not UTF-8 (a character or a
     * binary tail a crash cut short) are read as replacement characters, and a line that is not
     * a whole JSON object is skipped: it recorded nothing complete.
     */
    public static void forEach(Path file, java.util.function.Consumer<LedgerRecord> each) {
        forEach(file, null, each);
    }

    /**
     * Streams the records of these events only: a line that does not hold
     * {@code "event":"<one of them>"} as {@link #append} writes it is not parsed at all (most of a
     * large run's ledger is task records).
     */
    public static void forEach(Path file, java.util.Set<LedgerEvent> events, java.util.function.Consumer<LedgerRecord> each) {
        List<String> marks = events == null ? null : events.stream().map(e -> "\"event\":\"" + e.key + "\"").toList();
        forEachLine(file, line -> marks == null || marks.stream().anyMatch(line::contains), each);
    }

    @SuppressWarnings("unchecked")
    private static void forEachLine(Path file, java.util.function.Predicate<String> wanted, java.util.function.Consumer<LedgerRecord> each) {
        if (!Files.exists(file)) return;
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder), 1 << 16)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank() || !wanted.test(line)) continue;
                Object parsed;
                try {
                    parsed = Json.parse(line);
                } catch (RuntimeException torn) {
                    continue;
                }
                if (parsed instanceof Map<?, ?> m) each.accept(new LedgerRecord((Map<String, Object>) m));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** How many attempts each task has had: the count of its task-start records. */
    public static Map<TaskKey, Integer> attempts(Path file) {
        Map<TaskKey, Integer> attempts = new java.util.HashMap<>();
        for (LedgerRecord r : read(file)) {
            if (r.is(LedgerEvent.TASK_START)) attempts.merge(r.task(), 1, Integer::sum);
        }
        return attempts;
    }

    /**
     * A crash may leave a last line without its newline (half a record, half a character, or
     * bytes of another file): end it, so the next record starts clean, and say so once.
     */
    private static void repairTail(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) return;
        try (var channel = Files.newByteChannel(file, StandardOpenOption.READ)) {
            var last = java.nio.ByteBuffer.allocate(1);
            channel.position(channel.size() - 1).read(last);
            if (last.get(0) == '\n') return;
        }
        System.err.println("warning: " + file + " ends in a line cut short (a crash while writing it); it is ignored");
        Files.writeString(file, "\n", StandardOpenOption.APPEND);
    }
}
