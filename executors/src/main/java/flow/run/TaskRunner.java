package flow.run;

import flow.model.FailureClass;
import flow.plan.FileDigests;
import flow.plan.InputFile;
import flow.plan.PlannedTask;
import flow.plan.StageDefinition;
import flow.step.Step;
import flow.step.StepContext;
import flow.step.UsageMeter;
import flow.step.StepRegistry;
import flow.util.AtomicFiles;
import flow.util.Digests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The task wrapper: what {@code flow task RUN STAGE INDEX} does, and what the local executor
 * does in-process. It writes only inside its own task directory:
 * resolve inputs → step into {@code out.tmp-*} → check outputs → rename to {@code out/} → write
 * {@code result.json} atomically. A crash at any point leaves no result, so the task is not DONE.
 */
public final class TaskRunner {
    private final RunDir run;
    private final RunRecord record;
    private final StepRegistry steps;
    private final TaskInputs inputs;
    private final Path workDir;
    /** Tasks of one process (the local executor's) often share inputs: each is read once. */
    private final FileDigests inputDigests = FileDigests.inMemory();

    public TaskRunner(RunDir run, RunRecord record, StepRegistry steps) {
        this(run, record, steps, new RunDirInputs(run), Path.of(record.launchDir()));
    }

    /** @param workDir where the step runs (the launch directory, or a job's sandbox) */
    public TaskRunner(RunDir run, RunRecord record, StepRegistry steps, TaskInputs inputs, Path workDir) {
        this.run = run;
        this.record = record;
        this.steps = steps;
        this.inputs = inputs;
        this.workDir = workDir;
    }

    /** Set when the run is being cancelled: a step ended by the cancel is {@code cancelled}, not a step error. */
    private volatile boolean cancelling;

    /** From now on, a step that ends with an error was ended by the run's cancel (its SIGTERM). */
    public void cancelling() {
        cancelling = true;
    }

    /** Where a task's step output goes: appended to files (local) or inherited (batch job). */
    public record Logs(ProcessBuilder.Redirect stdout, ProcessBuilder.Redirect stderr) {}

    public TaskResult run(String stageName, PlannedTask task, int attempt, Logs logs) throws InterruptedException {
        StageDefinition stage = record.stage(stageName);
        Path taskDir = run.taskDir(stageName, task.index());
        String started = Instant.now().toString();
        Path tmp;
        try {
            tmp = prepare(stageName, task.index(), attempt);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + taskDir, e);
        }
        Step step = steps.get(stage.step());
        StagedInputs staged;
        try {
            staged = step.streamsRemoteInputs(stage.params()) ? StagedInputs.none(task) : StagedInputs.fetch(task, taskDir);
        } catch (IOException e) {
            return finish(stageName, task, attempt, started, null, 1, FailureClass.TRANSFER_FAILURE, "staging in: " + e.getMessage(), List.of(), List.of(), tmp);
        }
        try (staged) {
            return runStaged(stageName, stage, step, task, staged.task(), attempt, logs, started, tmp);
        }
    }

    /** The task once its remote inputs are here: {@code local} is {@code task} with their copies for them. */
    private TaskResult runStaged(String stageName, StageDefinition stage, Step step, PlannedTask task, PlannedTask local, int attempt,
                                 Logs logs, String started, Path tmp) throws InterruptedException {
        Path taskDir = run.taskDir(stageName, task.index());
        List<TaskResult.UpstreamUse> used = new ArrayList<>();
        List<InputsManifest.Entry> consumed = new ArrayList<>();
        List<Path> inputs;
        try {
            inputs = this.inputs.resolve(local, used, consumed);
        } catch (TaskInputs.MissingInputException e) {
            return finish(stageName, task, attempt, started, null, 1, FailureClass.INPUT_MISSING, e.getMessage(), used, List.of(), tmp);
        }
        if (!task.upstream().isEmpty()) InputsManifest.write(taskDir, consumed);
        StepContext context = new StepContext(inputs, stage.params(), tmp, workDir,
                TaskVariables.of(stage, task, TaskInputs.named(local, inputs),
                        tmp.toString(), taskDir.toString(), workDir.toString(), record.params()), stage.cpus(),
                logs.stdout(), logs.stderr(), stage.environment(), new UsageMeter());
        UsageMeter meter = context.meter();
        int exit;
        String message = null;
        try {
            AtomicFiles.write(taskDir.resolve("command.txt"), step.preview(context) + "\n");
            exit = step.run(context);
        } catch (InterruptedException e) {
            finish(stageName, task, attempt, started, meter, 130, FailureClass.CANCELLED, "cancelled", used, List.of(), tmp);
            throw e;
        } catch (Exception e) {
            exit = 1;
            message = e.getMessage() != null ? e.getMessage() : e.toString();
        }
        if (exit != 0 && cancelling) {
            return finish(stageName, task, attempt, started, meter, exit, FailureClass.CANCELLED, "ended by the run's cancel (exit " + exit + ")", used, List.of(), tmp);
        }
        if (exit != 0) {
            return finish(stageName, task, attempt, started, meter, exit, FailureClass.STEP_ERROR,
                    message != null ? message : "step " + stage.step() + " exited with " + exit, used, List.of(), tmp);
        }
        try {
            List<TaskResult.Output> outputs = collectOutputs(tmp);
            String missing = missingOutputs(stage.outputs(), outputs);
            if (missing != null) {
                return finish(stageName, task, attempt, started, meter, 0, FailureClass.MISSING_OUTPUTS,
                        "no output matches '" + missing + "'", used, outputs, tmp);
            }
            List<InputFile> digested = withDigests(task.files(), local.files(), inputs);
            Files.move(tmp, run.outDir(stageName, task.index()), StandardCopyOption.ATOMIC_MOVE);
            return finish(stageName, task, attempt, started, meter, 0, null, null, used, outputs, null, digested);
        } catch (IOException e) {
            return finish(stageName, task, attempt, started, meter, 1, FailureClass.STEP_ERROR,
                    "cannot collect outputs: " + e.getMessage(), used, List.of(), tmp);
        }
    }

    /**
     * The task's result if it is still valid for its current inputs: it succeeded, has the
     * task's identity, its outputs exist with their recorded sizes, and every upstream output it consumed is unchanged.
     * A batch job that finds one has nothing to do (a scheduler may rerun a whole cluster).
     */
    public Optional<TaskResult> stillDone(String stage, PlannedTask task) {
        TaskResult result;
        try {
            result = TaskResult.read(run.resultJson(stage, task.index())).orElse(null);
        } catch (IllegalArgumentException corrupt) {
            return Optional.empty();
        }
        if (result == null || !result.succeeded() || !result.id().equals(task.id())) return Optional.empty();
        Path out = run.outDir(stage, task.index());
        // the size too: a copy cut short (a transfer from a job's sandbox) must not pass as done
        if (!result.outputs().stream().allMatch(o -> sizeIs(out.resolve(o.path()), o.size()))) return Optional.empty();
        for (TaskResult.UpstreamUse use : result.upstream()) {
            Optional<TaskResult> upstream;
            try {
                upstream = TaskResult.read(run.resultJson(use.stage(), use.index()));
            } catch (IllegalArgumentException corrupt) {
                return Optional.empty();
            }
            if (upstream.isEmpty() || !upstream.get().outputsDigest().equals(use.outputsDigest())) return Optional.empty();
        }
        return Optional.of(result);
    }

    private static boolean sizeIs(Path file, long size) {
        try {
            return Files.size(file) == size;
        } catch (IOException gone) {
            return false;
        }
    }

    /** Records that attempt {@code attempt} found the task still DONE: the same result, stamped with it. */
    public TaskResult restamp(TaskResult done, int attempt) {
        TaskResult result = new TaskResult(done.stage(), done.index(), done.id(), done.recipe(), attempt, 0, null, "still DONE: inputs unchanged",
                done.host(), done.started(), done.finished(), done.inputs(), done.paramFiles(), done.upstream(), done.outputs(), done.point(), done.usage(), done.published());
        result.write(run.resultJson(done.stage(), done.index()));
        return result;
    }

    /**
     * Clears what an earlier attempt left: its outputs and partial outputs first, then its result.
     * A crash from here on leaves the task not DONE: its outputs are gone, or its result. The
     * order matters to {@link ResultIndex}, which takes an unchanged out/ directory for an
     * unchanged result.
     */
    private Path prepare(String stage, int index, int attempt) throws IOException {
        Path taskDir = run.taskDir(stage, index);
        Files.createDirectories(taskDir);
        Files.createDirectories(run.logsDir(stage));
        try (Stream<Path> old = Files.list(taskDir)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith("out")).toList()) {
                SafeDelete.deleteInside(run.root(), p);
            }
        }
        Files.deleteIfExists(run.resultJson(stage, index));
        // attempts are numbered across the whole run (from the ledger), so the name never repeats
        Path tmp = taskDir.resolve("out.tmp-" + attempt);
        Files.createDirectories(tmp);
        return tmp;
    }

    private static List<TaskResult.Output> collectOutputs(Path dir) throws IOException {
        List<TaskResult.Output> outputs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                outputs.add(new TaskResult.Output(dir.relativize(f).toString(), Files.size(f), Digests.sha256(f)));
            }
        }
        return outputs;
    }

    /** The first declared pattern no output matches, or null. */
    private static String missingOutputs(List<String> patterns, List<TaskResult.Output> outputs) {
        for (String pattern : patterns) {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            if (outputs.stream().noneMatch(o -> m.matches(Path.of(o.path())))) return pattern;
        }
        return null;
    }

    /** @param meter what measured the step; null when it never ran */
    private TaskResult finish(String stage, PlannedTask task, int attempt, String started, UsageMeter meter, int exit, FailureClass failure,
                              String message, List<TaskResult.UpstreamUse> used, List<TaskResult.Output> outputs, Path tmp) {
        return finish(stage, task, attempt, started, meter, exit, failure, message, used, outputs, tmp, task.files());
    }

    private TaskResult finish(String stage, PlannedTask task, int attempt, String started, UsageMeter meter, int exit, FailureClass failure,
                              String message, List<TaskResult.UpstreamUse> used, List<TaskResult.Output> outputs, Path tmp,
                              List<InputFile> inputs) {
        if (tmp != null) keepPartial(tmp);
        TaskResult result = new TaskResult(stage, task.index(), task.id(), task.recipe(), attempt, exit, failure, message,
                RunLock.thisHost(), started, Instant.now().toString(), inputs, record.stage(stage).paramFiles(), used, outputs, task.scan(),
                meter == null ? null : meter.usage(), List.of());
        result.write(run.resultJson(stage, task.index()));
        return result;
    }

    /**
     * The planned input files with the digest of the content the step read (the first of the
     * resolved paths: the files themselves, or their copies in a job's sandbox or staged), so that a later
     * resume can tell a file touched without change from a changed one. A remote input the step
     * streamed was not read here: it is known by the checksum it was planned with.
     */
    private List<InputFile> withDigests(List<InputFile> files, List<InputFile> asRead, List<Path> read) throws IOException {
        List<InputFile> digested = new ArrayList<>(files.size());
        try {
            for (int i = 0, at = 0; i < files.size(); i++) {
                digested.add(asRead.get(i).remote() ? files.get(i) : files.get(i).withDigest(inputDigests.sha256(read.get(at++))));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return digested;
    }

    /** A failed attempt's outputs stay for inspection as {@code out.partial}, never as {@code out}. */
    private static void keepPartial(Path tmp) {
        try {
            Files.move(tmp, tmp.resolveSibling("out.partial"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move aside " + tmp, e);
        }
    }
}
