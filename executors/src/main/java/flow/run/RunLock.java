package flow.run;

import flow.util.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The run's {@code lock}: held by the one head process working on the run. It records the
 * holder's host, pid and process start time; a lock whose holder is dead (same host, no such
 * process, or a different process under a reused pid) is taken over, with a message.
 */
public final class RunLock implements AutoCloseable {
    /** A lock file still empty this soon after creation is being written, not abandoned. */
    private static final Duration WRITE_GRACE = Duration.ofSeconds(5);

    private final Path file;
    private final String token;

    private RunLock(Path file, String token) {
        this.file = file;
        this.token = token;
    }

    public record Holder(String host, long pid, String started, String token) {
        boolean alive() {
            if (!host.equals(thisHost())) return true; // cannot see it: assume it lives
            return ProcessHandle.of(pid)
                    .filter(p -> p.info().startInstant().map(i -> i.toString().equals(started)).orElse(true))
                    .map(ProcessHandle::isAlive).orElse(false);
        }

        public String describe() {
            return "pid " + pid + " on " + host + " (started " + started + ")";
        }
    }

    /**
     * @param onTakeover told the description of a dead holder whose lock was taken over
     * @throws IllegalStateException when a live process holds the run
     */
    public static RunLock acquire(Path file, java.util.function.Consumer<String> onTakeover) {
        String token = UUID.randomUUID().toString();
        byte[] content = Json.compact(me(token)).getBytes(StandardCharsets.UTF_8);
        try {
            Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new RunLock(file, token);
        } catch (FileAlreadyExistsException held) {
            Optional<Holder> holder = holder(file);
            if (holder.isPresent() && holder.get().alive()) {
                throw new IllegalStateException("run " + file.getParent().getFileName() + " is held by "
                        + holder.get().describe() + "; wait for it, or 'flow cancel' it");
            }
            if (holder.isEmpty() && recentlyWritten(file)) {
                throw new IllegalStateException("run " + file.getParent().getFileName() + " is being locked by another process");
            }
            onTakeover.accept(holder.map(Holder::describe).orElse("an unreadable lock"));
            flow.util.AtomicFiles.write(file, new String(content, StandardCharsets.UTF_8));
            return new RunLock(file, token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    public static Optional<Holder> holder(Path file) {
        try {
            Map<String, Object> json = Json.readObject(file);
            return Optional.of(new Holder((String) json.get("host"), ((Number) json.get("pid")).longValue(),
                    (String) json.get("started"), (String) json.get("token")));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The live holder of a run's lock, if any. */
    public static Optional<Holder> liveHolder(Path file) {
        return Files.exists(file) ? holder(file).filter(Holder::alive) : Optional.empty();
    }

    @Override
    public void close() {
        if (holder(file).map(h -> token.equals(h.token())).orElse(false)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release " + file, e);
            }
        }
    }

    private static boolean recentlyWritten(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isAfter(Instant.now().minus(WRITE_GRACE));
        } catch (IOException gone) {
            return false;
        }
    }

    private static Map<String, Object> me(String token) {
        ProcessHandle self = ProcessHandle.current();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("host", thisHost());
        json.put("pid", self.pid());
        json.put("started", self.info().startInstant().map(Instant::toString).orElse(""));
        json.put("token", token);
        return json;
    }

    static String thisHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
