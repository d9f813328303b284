package flow.exec.grid;

import flow.util.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The files a batch head writes for its scheduler in the run directory (job scripts, submit
 * files, DAGs, the scheduler's records), and reads back while submitting. A dry run swaps in
 * {@link DryRunFiles}, which keeps them in memory, so that it shows exactly what a submission
 * writes without writing it.
 */
public class SchedulerFiles {
    /** Writes {@code text} atomically (a temporary name, then a rename), creating the directories. */
    public void write(Path file, String text) {
        createParent(file);
        AtomicFiles.write(file, text);
    }

    /** Appends to a record, creating it and its directories. */
    public void append(Path file, String text) {
        createParent(file);
        try {
            Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public void makeExecutable(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + file + " executable", e);
        }
    }

    public boolean exists(Path file) {
        return Files.exists(file);
    }

    /** The file's lines; none if it does not exist. */
    public List<String> lines(Path file) {
        return onDisk(file);
    }

    /** The lines of a file on disk, whoever wrote it; none if it does not exist. */
    public static List<String> onDisk(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void createParent(Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.getParent(), e);
        }
    }
}
