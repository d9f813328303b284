package flow.run;

import flow.plan.Plan;
import flow.plan.PlannedStage;
import flow.util.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The runs of a launch directory: {@code .flow/runs/<name>/}, and which one is the latest. */
public final class Runs {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private final Path runsDir;

    public Runs(Path launchDir) {
        this.runsDir = RunDir.runsDir(launchDir);
    }

    public Path dir() {
        return runsDir;
    }

    public String defaultName(String pipeline) {
        String base = pipeline + "-" + LocalDateTime.now().format(STAMP);
        String name = base;
        for (int n = 2; Files.exists(runsDir.resolve(name)); n++) name = base + "-" + n;
        return name;
    }

    /** Creates the run directory with run.json and each stage's tasks.tsv; a name in use is an error. */
    public RunDir create(String name, RunRecord record, Plan plan) {
        if (name.isBlank() || name.contains("/") || name.startsWith(".")) {
            throw new IllegalArgumentException("run name '" + name + "' must be a plain directory name");
        }
        RunDir run = new RunDir(runsDir.resolve(name));
        try {
            Files.createDirectories(runsDir);
            Files.createDirectory(run.root());
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new IllegalArgumentException("a run named '" + name + "' exists already: " + run.root()
                    + " (flow resume " + name + ", or choose another --run-name)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + run.root(), e);
        }
        writePlan(run, record, plan);
        AtomicFiles.write(runsDir.resolve("latest"), name + "\n");
        return run;
    }

    /** (Re)writes run.json and every stage's tasks.tsv; each file atomically. */
    public static void writePlan(RunDir run, RunRecord record, Plan plan) {
        try {
            for (PlannedStage stage : plan.stages()) {
                Files.createDirectories(run.logsDir(stage.name()));
                Files.createDirectories(run.scriptsDir(stage.name()));
                AtomicFiles.write(run.tasksTsv(stage.name()), TasksFile.render(stage.tasks()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out " + run.root(), e);
        }
        record.write(run.runJson());
    }

    /** A run by name or path; null or empty means the latest. */
    public RunDir find(String nameOrPath) {
        if (nameOrPath == null || nameOrPath.isEmpty()) return latest();
        Path asPath = Path.of(nameOrPath);
        Path dir = Files.isRegularFile(asPath.resolve("run.json")) ? asPath : runsDir.resolve(nameOrPath);
        if (!Files.isRegularFile(dir.resolve("run.json"))) {
            throw new IllegalArgumentException("no run '" + nameOrPath + "' in " + runsDir + " ('flow runs' lists them)");
        }
        return new RunDir(dir.toAbsolutePath().normalize());
    }

    public RunDir latest() {
        Path pointer = runsDir.resolve("latest");
        try {
            if (Files.isRegularFile(pointer)) return find(Files.readString(pointer).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pointer, e);
        }
        throw new IllegalArgumentException("no runs in " + runsDir + " yet");
    }

    public List<RunDir> list() {
        List<RunDir> runs = new ArrayList<>();
        if (!Files.isDirectory(runsDir)) return runs;
        try (Stream<Path> dirs = Files.list(runsDir)) {
            dirs.filter(d -> Files.isRegularFile(d.resolve("run.json"))).sorted().forEach(d -> runs.add(new RunDir(d)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runsDir, e);
        }
        return runs;
    }
}
