package flow.cli;

import flow.run.RunDir;
import flow.run.RunRecord;
import flow.run.TaskResult;
import flow.run.TaskRunner;
import flow.run.TasksFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "task", mixinStandardHelpOptions = true,
        description = "Run one task of a run (what a batch job runs); its output goes to this process's stdout/stderr.")
final class TaskCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "run name or directory")
    String runName;

    @Parameters(index = "1", paramLabel = "STAGE")
    String stage;

    @Parameters(index = "2", paramLabel = "INDEX")
    int index;

    @Override
    public Integer call() throws Exception {
        RunDir run = new Workspace().runs().find(runName);
        RunRecord record = RunRecord.read(run.runJson());
        record.stage(stage);
        var task = TasksFile.read(run.tasksTsv(stage), index);
        int attempt = Integer.parseInt(System.getenv().getOrDefault("FLOW_ATTEMPT", "1"));
        TaskRunner runner = new TaskRunner(run, record, new Workspace().steps);
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
