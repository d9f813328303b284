package flow.run;

import flow.plan.PlannedTask;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a task finds its input files: in the run directory ({@link RunDirInputs}), or in a job's
 * sandbox on a node without the shared filesystem ({@link SandboxManifest#inScratch}).
 */
public interface TaskInputs {
    /**
     * The task's input paths in order; the upstream outputs it consumed are added to {@code used}
     * (with their digests, for its result) and to {@code consumed} (with their points, for its
     * inputs manifest).
     */
    List<Path> resolve(PlannedTask task, List<TaskResult.UpstreamUse> used, List<InputsManifest.Entry> consumed)
            throws MissingInputException;

    /**
     * The inputs as a step names them: {@code resolved} (what {@link #resolve} gave for
     * {@code task}), with the URL of each remote input the step streams at its place.
     */
    static List<String> named(PlannedTask task, List<Path> resolved) {
        List<String> names = new java.util.ArrayList<>(resolved.size() + task.files().size());
        java.util.Iterator<Path> paths = resolved.iterator();
        for (flow.plan.InputFile f : task.files()) names.add(f.remote() ? f.path() : paths.next().toString());
        paths.forEachRemaining(p -> names.add(p.toString()));
        return names;
    }

    final class MissingInputException extends Exception {
        public MissingInputException(String message) {
            super(message);
        }
    }
}
