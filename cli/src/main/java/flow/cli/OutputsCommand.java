package flow.cli;

import flow.plan.PlannedTask;
import flow.plan.StageDefinition;
import flow.run.Publications;
import flow.run.RunDir;
import flow.run.RunRecord;
import flow.run.TaskResult;
import flow.run.TasksFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "outputs", mixinStandardHelpOptions = true,
        description = "List the outputs of a run's DONE tasks, one path per line (for xargs), or where they were published.")
final class OutputsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "run name or directory")
    String runName;

    @Parameters(index = "1", arity = "0..1", paramLabel = "STAGE", description = "only this stage's outputs")
    String stage;

    @Option(names = "--published", description = "where the outputs were published (their targets), for the stages that publish")
    boolean published;

    @Override
    public Integer call() {
        RunDir run = new Workspace().runs().find(runName);
        RunRecord record = RunRecord.read(run.runJson());
        List<StageDefinition> stages = record.stages().stream().filter(s -> stage == null || s.name().equals(stage)).toList();
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("run " + run.name() + " has no stage '" + stage + "' (stages: "
                    + String.join(", ", record.stages().stream().map(StageDefinition::name).toList()) + ")");
        }
        StringBuilder out = new StringBuilder();
        for (StageDefinition def : stages) {
            if (published && def.publish() == null) continue;
            for (PlannedTask task : TasksFile.readAll(run.tasksTsv(def.name()))) {
                if (task.removed()) continue;
                if (published) {
                    Publications.read(run, def.name(), task.index()).values().forEach(p -> out.append(p.target()).append('\n'));
                    continue;
                }
                TaskResult.read(run.resultJson(def.name(), task.index())).filter(TaskResult::succeeded).ifPresent(result ->
                        result.outputs().forEach(o -> out.append(run.outDir(def.name(), task.index()).resolve(o.path())).append('\n')));
            }
        }
        System.out.print(out);
        return 0;
    }
}
