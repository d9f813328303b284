package flow.exec;

import flow.model.PipelineSpec;
import flow.run.RunDir;
import flow.run.RunLock;
import flow.run.RunRecord;
import flow.run.Runs;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code flow watch}: one long-lived run of a pipeline, ticked. Each tick plans the pipeline
 * again (its {@code discover} closures and globs see what is new), keeps every DONE task, leaves
 * failed what its stage does not retry and did not change, and runs the rest under
 * {@code maxJobs}: the first tick creates the run, the next ones resume it. Between ticks the
 * watch holds {@code .flow/runs/.watch-<run>.lock}, so that a second watch (a cron's
 * {@code --once} while the last one still works) leaves at once, and {@code flow cancel} finds it.
 */
public final class Watch {
    /** What to watch: the pipeline and its choices, as {@code flow run} takes them, and how to tick. */
    public record Request(Path file, Map<String, String> params, String runName, String executor, String profile,
                          Map<String, Object> resources, Integer maxParallel, Duration interval, boolean once, boolean detach) {}

    private final Launcher launcher;
    private final PrintStream out;
    /** Told the run after each tick (the CLI writes its report). */
    private final java.util.function.Consumer<RunDir> afterTick;

    public Watch(Launcher launcher, PrintStream out, java.util.function.Consumer<RunDir> afterTick) {
        this.launcher = launcher;
        this.out = out;
        this.afterTick = afterTick;
    }

    /** Ticks until stopped (a signal, {@code flow cancel}), or once; returns the last tick's exit code. */
    public int watch(Request request) throws InterruptedException {
        PipelineSpec spec = load(request);
        String name = request.runName() != null ? request.runName() : spec.name();
        Runs.checkName(name);
        Optional<RunLock> held = lockWatch(name);
        if (held.isEmpty()) return 0;
        // a watch ends by a signal (Ctrl-C, flow cancel) more often than by returning
        Thread release = new Thread(held.get()::close, "flow-watch-release");
        Runtime.getRuntime().addShutdownHook(release);
        try (RunLock lock = held.get()) {
            while (true) {
                Tick tick = tick(request, spec, name, existing(name));
                if (request.once()) return tick.exit();
                Duration wait = tick.backlog() ? Duration.ZERO : request.interval();
                if (!wait.isZero()) out.println("watch " + name + ": next tick at " + java.time.LocalDateTime.now().plus(wait).withNano(0));
                Thread.sleep(wait.toMillis());
                spec = load(request);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(release);
            } catch (IllegalStateException shuttingDown) {
                // the hook releases the lock
            }
        }
    }

    /** What a tick ended with: its exit code, and whether maxJobs left tasks waiting (the next tick comes at once). */
    private record Tick(int exit, boolean backlog) {}

    private Tick tick(Request request, PipelineSpec spec, String name, RunDir run) throws InterruptedException {
        if (run != null) {
            Path watched = Path.of(RunRecord.read(run.runJson()).flowFile());
            if (!watched.equals(request.file().toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("run " + name + " watches " + watched + ", not " + request.file()
                        + ": watch that file, or give this one another --run-name");
            }
            Optional<RunLock.Holder> head = RunLock.liveHolder(run.lock());
            if (head.isPresent()) {
                out.println("watch " + name + ": another head holds the run (" + head.get().describe() + "); nothing to do this tick");
                return new Tick(0, false);
            }
        }
        Notices notices = Notices.before(run, launcher::status);
        RunDir ran;
        int exit;
        if (run == null) {
            Launcher.Launched launched = launcher.run(new Launcher.RunRequest(spec, request.file(), request.params(), name, null, options(request),
                    request.resources(), request.profile(), (r, p) -> {}));
            ran = launched.run();
            exit = launched.exit();
        } else {
            ran = run;
            exit = launcher.resume(run, new Launcher.ResumeRequest(null, request.maxParallel(), false, request.detach(), request.params(),
                    request.resources(), false, true));
        }
        notices.after(ran, "tick", launcher::status, System.err);
        if (ran != null) afterTick.accept(ran);
        return new Tick(exit, launcher.waitingForMaxJobs() > 0);
    }

    private static LaunchOptions options(Request request) {
        return new LaunchOptions(request.maxParallel(), false, request.detach(), false);
    }

    private PipelineSpec load(Request request) {
        return launcher.loader().load(request.file(), request.params(), new PipelineLoader.CliChoices(request.executor(), request.profile()));
    }

    private RunDir existing(String name) {
        Runs runs = launcher.runs();
        return Files.isRegularFile(runs.dir().resolve(name).resolve("run.json")) ? runs.find(name) : null;
    }

    /**
     * The watch's own lock, held across ticks, taken before the run exists (a second watch that
     * starts during the first tick must leave too); empty, and said, when a live watch holds it.
     */
    private Optional<RunLock> lockWatch(String name) {
        Path lock = watchLock(launcher.runs().dir(), name);
        try {
            Files.createDirectories(lock.getParent());
            return Optional.of(RunLock.acquire(lock, dead -> out.println("watch " + name + ": took over from a watch that ended (" + dead + ")")));
        } catch (IllegalStateException heldByAnother) {
            String holder = RunLock.liveHolder(lock).map(RunLock.Holder::describe).orElse("another process");
            out.println("watch " + name + ": another watch holds the run (" + holder + "); this one leaves");
            return Optional.empty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + lock.getParent(), e);
        }
    }

    /**
     * Stops the watch of a run, if one is alive on this host (SIGTERM: a tick in progress ends as
     * a cancelled run does), and waits up to 30 s for it; a watch on another host is refused.
     *
     * @return whether a watch was stopped
     */
    public static boolean stop(RunDir run, PrintStream out) throws InterruptedException {
        Optional<RunLock.Holder> watch = RunLock.liveHolder(watchLock(run.root().getParent(), run.name()));
        if (watch.isEmpty()) return false;
        if (!watch.get().onThisHost()) throw new IllegalStateException("the watch of " + run.name() + " runs on " + watch.get().host() + ": cancel it there");
        ProcessHandle process = watch.get().process().orElseThrow(() -> new IllegalStateException("the watch of " + run.name() + " ("
                + watch.get().describe() + ") cannot be proven to be running: no signal sent"));
        process.destroy();
        for (int waited = 0; waited < 300 && process.isAlive(); waited++) Thread.sleep(100);
        if (process.isAlive()) throw new IllegalStateException("the watch of " + run.name() + " (" + watch.get().describe() + ") has not stopped in 30 s");
        out.println("run " + run.name() + ": stopped its watch (" + watch.get().describe() + ")");
        return true;
    }

    /** Beside the run directory, not in it: a watch holds it before its first tick creates the run. */
    static Path watchLock(Path runsDir, String run) {
        return runsDir.resolve(".watch-" + run + ".lock");
    }
}
