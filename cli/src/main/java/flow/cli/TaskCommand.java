package flow.cli;

import flow.run.RunDir;
import flow.run.RunRecord;
import flow.run.TaskResult;
import flow.run.TaskRunner;
import flow.run.TasksFile;
import flow.run.SandboxManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import java.util.concurrent.Callable;

@Command(name = "task", mixinStandardHelpOptions = true,
        description = "Run one task of a run (what a batch job runs); its output goes to this process's stdout/stderr.")
final class TaskCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "run name or directory (with --sandbox: the job's scratch directory)")
    String runName;

    @Option(names = "--sandbox", description = "run in an HTCondor job's sandbox, without the run directory: "
            + "run.json, tasks.tsv, sandbox.json and the inputs are in RUN; out, result.json and command.txt are left there")
    boolean sandbox;

    @Parameters(index = "1", paramLabel = "STAGE")
    String stage;

    @Parameters(index = "2", paramLabel = "INDEX")
    int index;

    @Override
    public Integer call() throws Exception {
        if (sandbox) return inSandbox(Path.of(runName).toAbsolutePath());
        RunDir run = new Workspace().runs().find(runName);
        RunRecord record = RunRecord.read(run.runJson());
        record.stage(stage);
        var task = TasksFile.read(run.tasksTsv(stage), index);
        TaskRunner runner = new TaskRunner(run, record, new Workspace().steps);
        return run(runner, task);
    }

    /**
     * The task in a job's scratch directory: a run directory of its own there, inputs from the
     * manifest, and the task's out/, result.json and command.txt moved to the top for transfer
     * back, which HTCondor does only when the task succeeded: a failed task's out/ never reaches
     * the run directory.
     */
    private int inSandbox(Path scratch) throws Exception {
        RunRecord record = RunRecord.read(scratch.resolve("run.json"));
        record.stage(stage);
        var task = TasksFile.read(scratch.resolve("tasks.tsv"), index);
        RunDir local = new RunDir(scratch.resolve("flow-run"));
        TaskRunner runner = new TaskRunner(local, record, new Workspace().steps,
                SandboxManifest.read(scratch.resolve(SandboxManifest.FILE)).inScratch(scratch), scratch);
        int exit = run(runner, task);
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

    private int run(TaskRunner runner, flow.plan.PlannedTask task) throws InterruptedException {
        int attempt = Integer.parseInt(System.getenv().getOrDefault("FLOW_ATTEMPT", "1"));
        var done = runner.stillDone(stage, task);
        if (done.isPresent()) {
            runner.restamp(done.get(), attempt);
            System.out.println("flow task: " + stage + "[" + index + "] is still DONE (its inputs are unchanged): nothing to do");
            return 0;
        }
        TaskResult result = runner.run(stage, task, attempt,
                new TaskRunner.Logs(ProcessBuilder.Redirect.INHERIT, ProcessBuilder.Redirect.INHERIT));
        if (!result.succeeded()) System.err.println("flow task: " + stage + "[" + index + "] failed: " + result.failureLabel()
                + (result.message() != null ? " (" + result.message() + ")" : ""));
        return result.succeeded() ? 0 : Math.max(result.exit(), 1);
    }
}
