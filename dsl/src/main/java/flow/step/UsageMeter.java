package flow.step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What one task's step used. The processes a step starts are sampled from {@code /proc} while
 * they run, as SLURM's jobacct_gather/linux does: the CPU of the whole tree (each live process's
 * own time plus what it reaped from its children) and the peak of the tree's summed resident
 * memory. Sampling misses the last moments of a process and anything shorter than an interval,
 * so short tasks read low. A step that starts no process runs inside flow's JVM: then the JVM's
 * CPU over the step and its peak resident memory stand in, which under a local head running
 * several tasks at once are an upper bound.
 */
public final class UsageMeter {
    private static final long FIRST_SAMPLE_MS = 20, INTERVAL_MS = 100;
    /** USER_HZ, the unit of /proc's CPU times: 100 on every Linux ABI flow runs on. */
    private static final double TICKS_PER_SECOND = 100;
    /** Whether this kernel lists each thread's children in /proc (CONFIG_PROC_CHILDREN): asked once. */
    private static final boolean CHILDREN_FILES =
            Files.exists(Path.of("/proc/self/task", Long.toString(ProcessHandle.current().pid()), "children"));

    private final Duration jvmCpuAtStart = jvmCpu();
    private volatile boolean sawProcess;
    private volatile double processCpuSeconds;
    private volatile long processPeakKb;

    /** The figures: CPU seconds, peak resident memory in MB, and whose they are ("processes" or "jvm"). */
    public record Usage(double cpuSeconds, long peakRssMb, String measured) {}

    /** Samples {@code process} and its descendants until it ends, on a thread of its own. */
    void watch(Process process) {
        sawProcess = true;
        Thread sampler = new Thread(() -> {
            try {
                Thread.sleep(FIRST_SAMPLE_MS);
                while (process.isAlive()) {
                    sample(process.toHandle());
                    Thread.sleep(INTERVAL_MS);
                }
            } catch (InterruptedException ended) {
                Thread.currentThread().interrupt();
            }
        }, "usage-" + process.pid());
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample(ProcessHandle root) {
        double cpu = 0;
        long rssKb = 0;
        for (long pid : family(root)) {
            Optional<long[]> stat = stat(pid);
            if (stat.isEmpty()) continue;
            cpu += stat.get()[0] / TICKS_PER_SECOND;
            rssKb += stat.get()[1];
        }
        if (cpu > processCpuSeconds) processCpuSeconds = cpu;
        if (rssKb > processPeakKb) processPeakKb = rssKb;
    }

    /**
     * The process and its descendants, walked down through {@code /proc/<pid>/task/<tid>/children}:
     * reading a few small files per sample, where {@link ProcessHandle#descendants} reads every
     * process of the machine. Where the kernel has no such files, {@code descendants()} it is.
     */
    private static List<Long> family(ProcessHandle root) {
        if (!CHILDREN_FILES) return Stream.concat(Stream.of(root), root.descendants()).map(ProcessHandle::pid).toList();
        List<Long> family = new java.util.ArrayList<>(List.of(root.pid()));
        for (int next = 0; next < family.size(); next++) {
            try (var threads = Files.newDirectoryStream(Path.of("/proc", Long.toString(family.get(next)), "task"))) {
                for (Path thread : threads) {
                    for (String child : Files.readString(thread.resolve("children")).trim().split(" ")) {
                        if (!child.isEmpty()) family.add(Long.parseLong(child));
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // the process ended meanwhile: its children, if any, are counted where they were reparented
            }
        }
        return family;
    }

    /** utime + stime + cutime + cstime in ticks, and VmRSS in kB, of one process; empty once it is gone. */
    private static Optional<long[]> stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name may hold spaces and parentheses: fields are counted after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) rss = Long.parseLong(line.replaceAll("\\D", ""));
            }
            return Optional.of(new long[]{ticks, rss});
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    public Usage usage() {
        if (sawProcess) return new Usage(processCpuSeconds, processPeakKb / 1024, "processes");
        double cpu = jvmCpu().minus(jvmCpuAtStart).toMillis() / 1000.0;
        return new Usage(cpu, jvmPeakKb() / 1024, "jvm");
    }

    private static Duration jvmCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static long jvmPeakKb() {
        try {
            List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
            return status.stream().filter(l -> l.startsWith("VmHWM:")).findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
        } catch (IOException | RuntimeException unknown) {
            return 0;
        }
    }
}
