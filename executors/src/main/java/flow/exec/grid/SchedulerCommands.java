package flow.exec.grid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What a batch head does to the world: runs scheduler commands (argv lists, never one string,
 * counted by program) and writes the scheduler's files ({@link #files}). A dry run swaps in
 * {@link DryRunCommands}, which submits nothing and writes nothing.
 */
public class SchedulerCommands {
    public record Output(int exit, String stdout, String stderr) {
        public String message() {
            String text = (stderr.isBlank() ? stdout : stderr).strip();
            return text.isEmpty() ? "exit " + exit : text;
        }
    }

    private final Map<String, Integer> counts = new TreeMap<>();
    private final SchedulerFiles files = new SchedulerFiles();

    public SchedulerFiles files() {
        return files;
    }

    /**
     * Runs a command that changes the scheduler's state (submits, or stages in for a
     * submission); a dry run records it and answers {@code placeholderAnswer}, shaped like the
     * command's own answer.
     */
    public Output submit(List<String> argv, java.nio.file.Path directory, String placeholderAnswer) {
        return run(argv, directory);
    }

    /** A name for a submission that no other has (see {@link SubmissionNames}). */
    public String uniqueName(String base) {
        return SubmissionNames.unique(base);
    }

    public Output run(List<String> argv) {
        return run(argv, null);
    }

    /** Runs in {@code directory} (null: this process's). */
    public Output run(List<String> argv, java.nio.file.Path directory) {
        synchronized (counts) {
            counts.merge(argv.get(0), 1, Integer::sum);
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            if (directory != null) builder.directory(directory.toFile());
            Process p = builder.start();
            var stderr = new java.util.concurrent.CompletableFuture<String>();
            Thread errReader = new Thread(() -> {
                try {
                    stderr.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    stderr.complete("");
                }
            });
            errReader.start();
            String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", argv) + " did not answer in 120 s");
            }
            errReader.join();
            return new Output(p.exitValue(), stdout, stderr.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv.get(0) + " (is it on PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv.get(0), e);
        }
    }

    /** Commands issued so far, by program: {@code {sbatch=4, squeue=12}}. */
    public Map<String, Integer> counts() {
        synchronized (counts) {
            return new TreeMap<>(counts);
        }
    }
}
