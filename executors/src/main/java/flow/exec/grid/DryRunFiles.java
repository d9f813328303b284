package flow.exec.grid;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A submission's files kept in memory, over the run directory as it is: what the head writes or
 * appends is read back from here, everything else from the disk. Nothing is written.
 */
final class DryRunFiles extends SchedulerFiles {
    private final Map<Path, String> contents = new HashMap<>();
    private final Set<Path> executable = new HashSet<>();
    private final Set<Path> written = new HashSet<>();
    /** Told of each file written (records appended to are not), the first time. */
    private final Consumer<Path> firstWrite;

    DryRunFiles(Consumer<Path> firstWrite) {
        this.firstWrite = firstWrite;
    }

    @Override
    public void write(Path file, String text) {
        contents.put(file, text);
        if (written.add(file)) firstWrite.accept(file);
    }

    @Override
    public void append(Path file, String text) {
        contents.put(file, String.join("", lines(file).stream().map(l -> l + "\n").toList()) + text);
    }

    @Override
    public void makeExecutable(Path file) {
        executable.add(file);
    }

    @Override
    public boolean exists(Path file) {
        return contents.containsKey(file) || super.exists(file);
    }

    @Override
    public List<String> lines(Path file) {
        String text = contents.get(file);
        return text == null ? super.lines(file) : text.lines().toList();
    }

    String content(Path file) {
        return contents.get(file);
    }

    boolean isExecutable(Path file) {
        return executable.contains(file);
    }
}
