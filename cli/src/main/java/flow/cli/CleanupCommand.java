package flow.cli;

import flow.exec.Cleanup;
import flow.plan.StageDefinition;
import flow.run.RunDir;
import flow.run.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = "Run a stage's cleanup hook (what a cleanup batch job runs): delete its outputs if every consuming task is DONE.")
final class CleanupCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "run name or directory")
    String runName;

    @Parameters(index = "1", paramLabel = "STAGE", description = "the stage whose outputs to delete")
    String stage;

    @Override
    public Integer call() {
        RunDir run = new Workspace().runs().find(runName);
        RunRecord record = RunRecord.read(run.runJson());
        record.stage(stage);
        Map<String, List<Integer>> consumers = new LinkedHashMap<>();
        for (StageDefinition s : record.stages()) {
            if (s.dependsOn().contains(stage) || s.upstream().contains(stage)) consumers.put(s.name(), record.liveIndices(s.name()));
        }
        // a cleanup job is not the head: its publications are recorded in the tasks' published.json only
        long bytes = Cleanup.run(run, stage, record.liveIndices(stage), consumers, new flow.exec.Publisher(run, System.out::println, flow.run.Ledger.discarding()));
        System.out.println("cleanup: removed the outputs of " + stage + " (" + bytes + " bytes)");
        return 0;
    }
}
