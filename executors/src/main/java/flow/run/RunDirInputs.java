package flow.run;

import flow.plan.InputFile;
import flow.plan.PlannedTask;
import flow.plan.UpstreamRef;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A task's inputs where the run directory is at hand: its files, then its upstream tasks' recorded outputs. */
public record RunDirInputs(RunDir run) implements TaskInputs {
    @Override
    public List<Path> resolve(PlannedTask task, List<TaskResult.UpstreamUse> used, List<InputsManifest.Entry> consumed)
            throws MissingInputException {
        List<Path> inputs = new ArrayList<>();
        for (InputFile f : task.files()) {
            if (f.remote()) continue; // not staged: the step streams it (TaskInputs.named)
            Path p = Path.of(f.path());
            if (!Files.exists(p)) throw new MissingInputException("input file is gone: " + p);
            inputs.add(p);
        }
        for (UpstreamRef ref : task.upstream()) {
            for (int i = ref.from(); i < ref.to(); i++) {
                String label = ref.stage() + "[" + i + "]";
                TaskResult upstream = TaskResult.read(run.resultJson(ref.stage(), i)).filter(TaskResult::succeeded)
                        .orElseThrow(() -> new MissingInputException("upstream task " + label + " is not DONE"));
                List<Path> outputs = new ArrayList<>();
                for (TaskResult.Output o : upstream.outputs()) {
                    Path p = run.outDir(ref.stage(), i).resolve(o.path());
                    if (!Files.exists(p)) throw new MissingInputException("output of " + label + " is gone: " + p);
                    outputs.add(p);
                }
                inputs.addAll(outputs);
                used.add(new TaskResult.UpstreamUse(ref.stage(), i, upstream.outputsDigest()));
                consumed.add(new InputsManifest.Entry(ref.stage(), i, upstream.point(), outputs));
            }
        }
        return inputs;
    }
}
