package flow.run;

import flow.plan.Plan;
import flow.plan.PlannedStage;
import flow.plan.PlannedTask;
import flow.plan.PriorPlan;
import flow.util.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** Names a run directory cannot have: {@code latest} is the pointer to the newest run. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("latest");

    /** @throws IllegalArgumentException for a name that is not a plain directory name, or a reserved one */
    public static void checkName(String name) {
        if (name.isBlank() || name.contains("/") || name.startsWith(".") || flow.util.ControlCharacters.firstIn(name) >= 0) {
            throw new IllegalArgumentException("run name '" + name.replace("\n", "\\n") + "' must be a plain directory name (no '/', no leading '.', no control characters)");
        }
        if (RESERVED.contains(name)) throw new IllegalArgumentException("run name '" + name + "' is reserved: choose another --run-name");
    }

    /**
     * Creates the run directory with run.json and each stage's tasks.tsv, atomically: it is laid
     * out under a temporary name and renamed into place, so a crash leaves either no run or a
     * whole one. A name in use is an error.
     */
    public RunDir create(String name, RunRecord record, Plan plan) {
        RunDir run = checkNew(name);
        RunDir laying = new RunDir(runsDir.resolve(".creating-" + name + "-" + ProcessHandle.current().pid()));
        try {
            Files.createDirectories(laying.root());
            writePlan(laying, record, plan);
            Files.move(laying.root(), run.root(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            SafeDelete.deleteInside(runsDir, laying.root());
            if (Files.exists(run.root())) throw exists(name, run);
            throw new UncheckedIOException("cannot create " + run.root(), e);
        }
        AtomicFiles.write(runsDir.resolve("latest"), name + "\n");
        return run;
    }

    /** The directory a new run of this name gets; refuses a name {@link #create} would refuse. */
    public RunDir checkNew(String name) {
        checkName(name);
        RunDir run = new RunDir(runsDir.resolve(name));
        if (Files.exists(run.root())) throw exists(name, run);
        return run;
    }

    private static IllegalArgumentException exists(String name, RunDir run) {
        return new IllegalArgumentException("a run named '" + name + "' exists already: " + run.root()
                + " (flow resume " + name + ", or choose another --run-name)");
    }

    /** What the run planned last, for a resume to plan over: each stage's grouping and tasks. */
    public static PriorPlan priorPlan(RunDir run, RunRecord record) {
        Map<String, Integer> groups = new LinkedHashMap<>();
        Map<String, List<PlannedTask>> tasks = new LinkedHashMap<>();
        for (var stage : record.stages()) {
            groups.put(stage.name(), stage.group());
            tasks.put(stage.name(), TasksFile.readAll(run.tasksTsv(stage.name())));
        }
        return new PriorPlan(groups, tasks);
    }

    /** (Re)writes run.json and every stage's tasks.tsv that changed; each file atomically. */
    public static void writePlan(RunDir run, RunRecord record, Plan plan) {
        try {
            for (PlannedStage stage : plan.stages()) {
                Files.createDirectories(run.logsDir(stage.name()));
                Files.createDirectories(run.scriptsDir(stage.name()));
                if (!stage.asBefore() || !Files.exists(run.tasksTsv(stage.name()))) {
                    AtomicFiles.write(run.tasksTsv(stage.name()), TasksFile.render(stage.tasks()));
                }
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
            dirs.filter(d -> !d.getFileName().toString().startsWith(".") && Files.isRegularFile(d.resolve("run.json"))).sorted().forEach(d -> runs.add(new RunDir(d)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runsDir, e);
        }
        return runs;
    }
}
