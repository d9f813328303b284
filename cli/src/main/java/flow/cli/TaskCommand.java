package flow.cli;

import flow.exec.grid.BatchesFile;
import flow.plan.PlannedTask;
import flow.run.RunDir;
import flow.run.RunRecord;
import flow.run.TaskResult;
import flow.run.TaskRunner;
import flow.run.TasksFile;
import flow.run.SandboxManifest;
import flow.util.IndexRanges;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static java.lang.ProcessBuilder.Redirect;

@Command(name = "task", mixinStandardHelpOptions = true,
        description = "Run one task of a run, or a batch of them (what a batch job runs); a single task's output goes to "
                + "this process's stdout/stderr, a batch's tasks each write theirs beside their result.")
final class TaskCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "run name or directory (with --sandbox: the job's scratch directory)")
    String runName;

    @Option(names = "--sandbox", description = "run in an HTCondor job's sandbox, without the run directory: "
            + "run.json, tasks.tsv, sandbox.json and the inputs are in RUN; out, result.json and command.txt are left there")
    boolean sandbox;

    @Option(names = "--batches", paramLabel = "FILE",
            description = "a batch job's file of batches (a leader, a tab, its tasks per line): TASKS is a leader, run its batch")
    Path batches;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1", description = "run N tasks of the batch at a time")
    int parallel;

    @Parameters(index = "1", paramLabel = "STAGE")
    String stage;

    @Parameters(index = "2", paramLabel = "TASKS", description = "a task index, or a batch of them: 0-9,12")
    String tasks;

    @Override
    public Integer call() throws Exception {
        List<Integer> indices = batches != null ? BatchesFile.tasksOf(batches, Integer.parseInt(tasks)) : IndexRanges.parse(tasks);
        if (sandbox) {
            if (indices.size() != 1) throw new IllegalArgumentException("--sandbox runs one task, got " + tasks);
            return inSandbox(Path.of(runName).toAbsolutePath(), indices.get(0));
        }
        RunDir run = new Workspace().runs().find(runName);
        RunRecord record = RunRecord.read(run.runJson());
        record.stage(stage);
        TaskRunner runner = new TaskRunner(run, record, new Workspace().steps);
        if (indices.size() == 1) {
            return run(runner, TasksFile.read(run.tasksTsv(stage), indices.get(0)), new TaskRunner.Logs(Redirect.INHERIT, Redirect.INHERIT));
        }
        return runBatch(run, runner, TasksFile.read(run.tasksTsv(stage), indices));
    }

    /**
     * A batch job: its tasks, {@code --parallel} at a time, each with its own output files and
     * result. It fails if any task failed; the head settles each task by its own result.
     */
    private int runBatch(RunDir run, TaskRunner runner, List<PlannedTask> batch) throws InterruptedException {
        if (parallel < 1) throw new IllegalArgumentException("--parallel must be at least 1, got " + parallel);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, batch.size()));
        List<Future<Integer>> exits = new ArrayList<>();
        for (PlannedTask task : batch) {
            TaskRunner.Logs logs = new TaskRunner.Logs(Redirect.appendTo(run.stdoutLog(stage, task.index(), attempt()).toFile()),
                    Redirect.appendTo(run.stderrLog(stage, task.index(), attempt()).toFile()));
            exits.add(pool.submit(() -> run(runner, task, logs)));
        }
        pool.shutdown();
        int failed = 0;
        for (Future<Integer> exit : exits) {
            try {
                if (exit.get() != 0) failed++;
            } catch (ExecutionException e) {
                failed++;
                System.err.println("flow task: " + e.getCause());
            }
        }
        System.out.println("flow task: batch of " + batch.size() + " tasks of " + stage + ": " + (batch.size() - failed) + " done, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    /**
     * The task in a job's scratch directory: a run directory of its own there, inputs from the
     * manifest, and the task's out/, result.json and command.txt moved to the top for transfer
     * back, which HTCondor does only when the task succeeded: a failed task's out/ never reaches
     * the run directory.
     */
    private int inSandbox(Path scratch, int index) throws Exception {
        RunRecord record = RunRecord.read(scratch.resolve("run.json"));
        record.stage(stage);
        var task = TasksFile.read(scratch.resolve("tasks.tsv"), index);
        RunDir local = new RunDir(scratch.resolve("flow-run"));
        TaskRunner runner = new TaskRunner(local, record, new Workspace().steps,
                SandboxManifest.read(scratch.resolve(SandboxManifest.FILE)).inScratch(scratch), scratch);
        int exit = run(runner, task, new TaskRunner.Logs(Redirect.INHERIT, Redirect.INHERIT));
        Path taskDir = local.taskDir(stage, index);
        for (String name : new String[]{"out", "result.json", "command.txt"}) {
            if (Files.exists(taskDir.resolve(name))) Files.move(taskDir.resolve(name), scratch.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        if (exit == 0) { // HTCondor sends the outputs back only on success (when_to_transfer_output = ON_SUCCESS)
            Files.createDirectories(scratch.resolve("out"));
            if (!Files.exists(scratch.resolve("command.txt"))) Files.writeString(scratch.resolve("command.txt"), "");
        }
        return exit;
    }

    private int run(TaskRunner runner, PlannedTask task, TaskRunner.Logs logs) throws InterruptedException {
        int attempt = attempt();
        String name = stage + "[" + task.index() + "]";
        var done = runner.stillDone(stage, task);
        if (done.isPresent()) {
            runner.restamp(done.get(), attempt);
            System.out.println("flow task: " + name + " is still DONE (its inputs are unchanged): nothing to do");
            return 0;
        }
        TaskResult result = runner.run(stage, task, attempt, logs);
        if (!result.succeeded()) System.err.println("flow task: " + name + " failed: " + result.failureLabel()
                + (result.message() != null ? " (" + result.message() + ")" : ""));
        return result.succeeded() ? 0 : Math.max(result.exit(), 1);
    }

    /** The submission round the head gave the job. */
    private static int attempt() {
        return Integer.parseInt(System.getenv().getOrDefault("FLOW_ATTEMPT", "1"));
    }
}
