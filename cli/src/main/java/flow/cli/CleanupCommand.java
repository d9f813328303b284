package flow.cli;

import flow.exec.Cleanup;
import flow.plan.StageDefinition;
import flow.run.RunDir;
import flow.run.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
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
        // a cleanup job is not the head: its publications are recorded in the tasks' results only
        long bytes = Cleanup.run(run, publishing(record), record.liveIndices(stage), consumers,
                new flow.exec.Publisher(run, System.out::println, flow.run.Ledger.discarding(), false));
        System.out.println("cleanup: removed the outputs of " + stage + " (" + bytes + " bytes)");
        return 0;
    }

    /**
     * The stage as it publishes: as recorded, unless a closure of the .flow file names its
     * targets; run.json cannot hold code, so the pipeline is read again from the text frozen there.
     */
    private StageDefinition publishing(RunRecord record) {
        StageDefinition def = record.stage(stage);
        if (def.publish() == null || def.publish().naming() != flow.model.PublishSpec.FROM_FLOW_FILE) return def;
        var loader = new flow.exec.PipelineLoader(flow.step.StepRegistry.load(), Path.of(record.launchDir()));
        var spec = loader.loadShape(Path.of(record.flowFile()), record.flowText(), record.paramOverrides());
        return def.withPublish(def.publish().withNaming(spec.stage(stage).publish().naming()));
    }
}
