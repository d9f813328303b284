package flow.run;

import flow.util.AtomicFiles;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The run's {@code lock}: held by the one head process working on the run. It records the
 * holder's host, pid, process start time and a token, and a lease: the holder renews it every
 * 30 s. On the holder's own host a lock is held while that very process (pid and start time)
 * lives; from another host, nobody can see the process, so it is held while its lease is fresh
 * (renewed within 5 minutes). A lock whose holder died on this host is taken over with a
 * message; one from another host whose lease expired only with {@code --force-unlock}.
 */
public final class RunLock implements AutoCloseable {
    /** A lock file still empty this soon after creation is being written, not abandoned. */
    private static final Duration WRITE_GRACE = Duration.ofSeconds(5);
    static final Duration RENEWAL = Duration.ofSeconds(30);
    public static final Duration LEASE = Duration.ofMinutes(5);

    private final Path file;
    private final String token;
    private final ScheduledExecutorService renewal;

    private RunLock(Path file, String token) {
        this.file = file;
        this.token = token;
        this.renewal = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flow-lock-lease");
            t.setDaemon(true);
            return t;
        });
        renewal.scheduleAtFixedRate(this::renew, RENEWAL.toSeconds(), RENEWAL.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * @param renewed when the holder last renewed its lease (the file's time for a lock without one)
     */
    public record Holder(String host, long pid, String started, String token, Instant renewed) {
        public boolean onThisHost() {
            return host.equals(thisHost());
        }

        /** The holder's process, if it runs on this host and is alive: the same pid with the same start time. */
        public Optional<ProcessHandle> process() {
            if (!onThisHost()) return Optional.empty();
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().startInstant().map(i -> i.toString().equals(started)).orElse(false));
        }

        public boolean leaseFresh(Instant now) {
            return renewed.isAfter(now.minus(LEASE));
        }

        /** Whether the holder is to be taken as working on the run. */
        public boolean alive() {
            return onThisHost() ? process().isPresent() : leaseFresh(Instant.now());
        }

        public String describe() {
            return "pid " + pid + " on " + host + " (started " + started + ")";
        }
    }

    /**
     * @param onTakeover told the description of a dead holder whose lock was taken over
     * @throws IllegalStateException when a live process holds the run, or one on another host whose lease expired
     */
    public static RunLock acquire(Path file, java.util.function.Consumer<String> onTakeover) {
        String token = UUID.randomUUID().toString();
        byte[] content = Json.compact(me(token)).getBytes(StandardCharsets.UTF_8);
        try {
            Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new RunLock(file, token);
        } catch (FileAlreadyExistsException held) {
            Optional<Holder> holder = holder(file);
            String run = file.getParent().getFileName().toString();
            if (holder.isPresent()) refuseLive(run, holder.get());
            if (holder.isEmpty() && recentlyWritten(file)) {
                throw new IllegalStateException("run " + run + " is being locked by another process");
            }
            onTakeover.accept(holder.map(Holder::describe).orElse("an unreadable lock"));
            AtomicFiles.write(file, new String(content, StandardCharsets.UTF_8));
            return new RunLock(file, token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    private static void refuseLive(String run, Holder holder) {
        if (holder.onThisHost()) {
            if (holder.alive()) throw new IllegalStateException("run " + run + " is held by " + holder.describe() + "; wait for it, or 'flow cancel' it");
            return;
        }
        long silent = Duration.between(holder.renewed(), Instant.now()).toSeconds();
        if (holder.alive()) {
            throw new IllegalStateException("run " + run + " is held by " + holder.describe() + ", whose lease was renewed " + silent
                    + " s ago: wait for it, or cancel it on " + holder.host() + "; if that head is gone, its lease expires "
                    + LEASE.toMinutes() + " minutes after its last renewal, then 'flow resume " + run + " --force-unlock' takes the run over");
        }
        throw new IllegalStateException("run " + run + " is held by " + holder.describe() + ", which has not renewed its lease for "
                + silent + " s: if that head is gone, 'flow resume " + run + " --force-unlock' takes the run over");
    }

    /**
     * Removes a lock whose holder is on another host and let its lease expire ({@code --force-unlock}).
     *
     * @return the holder removed, if there was a lock
     * @throws IllegalStateException if the holder is alive by the rules above, or on this host and alive
     */
    public static Optional<Holder> forceRelease(Path file) {
        Optional<Holder> holder = holder(file);
        if (holder.isEmpty()) return Optional.empty();
        if (holder.get().alive()) refuseLive(file.getParent().getFileName().toString(), holder.get());
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
        return holder;
    }

    public static Optional<Holder> holder(Path file) {
        try {
            Map<String, Object> json = Json.readObject(file);
            Object renewed = json.get("renewed");
            Instant lease = renewed != null ? Instant.parse((String) renewed) : Files.getLastModifiedTime(file).toInstant();
            return Optional.of(new Holder((String) json.get("host"), ((Number) json.get("pid")).longValue(),
                    (String) json.get("started"), (String) json.get("token"), lease));
        } catch (RuntimeException | IOException unreadable) {
            return Optional.empty();
        }
    }

    /** The live holder of a run's lock, if any. */
    public static Optional<Holder> liveHolder(Path file) {
        return Files.exists(file) ? holder(file).filter(Holder::alive) : Optional.empty();
    }

    /** Renews the lease, if the lock is still this head's. */
    private void renew() {
        if (holder(file).map(h -> token.equals(h.token())).orElse(false)) {
            try {
                AtomicFiles.write(file, Json.compact(me(token)));
            } catch (UncheckedIOException e) {
                // the next renewal tries again; the lease outlives a few failures
            }
        }
    }

    @Override
    public void close() {
        renewal.shutdownNow();
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
        json.put("renewed", Instant.now().toString());
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
