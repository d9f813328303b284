package flow.exec.condor;

import flow.exec.grid.SchedulerFiles;

import flow.plan.PlannedTask;
import flow.remote.XrootdUrl;
import flow.run.RunDir;
import flow.run.SandboxManifest;
import flow.run.TasksFile;
import flow.util.AtomicFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Stage-in for sites without a shared filesystem, run on the submit side just before a node is
 * submitted (its DAGMan PRE script, or the head without a DAG), once its parents are done: for
 * each task, {@code sandbox.json} in its task directory and a line {@code INDEX FILES} of the
 * node's {@code .sandbox} items file, FILES being what HTCondor transfers to the job (comma
 * separated): the manifest, run.json, the stage's tasks.tsv and the inputs.
 */
public final class SandboxItems {
    /** Names flow's own files take in the sandbox: an input of that name would overwrite one. */
    private static final Set<String> RESERVED = Set.of(SandboxManifest.FILE, "run.json", "tasks.tsv", "out", "result.json",
            "command.txt", "flow-run");

    private SandboxItems() {}

    /** @param items the node's items file (a task index per line); {@code sandboxItems} the file to write */
    public static void write(RunDir run, String stage, Path items, Path sandboxItems) {
        String common = String.join(",", run.runJson().toString(), run.tasksTsv(stage).toString());
        if (common.chars().filter(c -> c == ',').count() != 1) {
            throw new IllegalArgumentException("the run directory " + run.root() + " has a ',' in its path, which HTCondor's "
                    + "transfer_input_files cannot hold: choose another --run-name or launch directory");
        }
        StringBuilder lines = new StringBuilder();
        for (int index : CondorRegistry.items(SchedulerFiles.onDisk(items))) {
            PlannedTask task = TasksFile.read(run.tasksTsv(stage), index);
            SandboxManifest manifest = refuseUnsendable(SandboxManifest.stageIn(run, stage, task), stage, index);
            Path file = run.taskDir(stage, index).resolve(SandboxManifest.FILE);
            manifest.write(file);
            List<String> files = new ArrayList<>(List.of(file.toString(), common));
            manifest.inputs().stream().filter(input -> !XrootdUrl.is(input)).forEach(files::add);
            lines.append(index).append(' ').append(String.join(",", files)).append('\n');
        }
        AtomicFiles.write(sandboxItems, lines.toString());
    }

    /** An input HTCondor cannot carry (a ',' in its path, a name flow uses) fails the task, naming it. */
    private static SandboxManifest refuseUnsendable(SandboxManifest manifest, String stage, int index) {
        for (String input : manifest.inputs()) {
            if (XrootdUrl.is(input)) continue;
            String name = Path.of(input).getFileName().toString();
            String why = input.contains(",") ? "has a ',' in its path, which transfer_input_files cannot hold"
                    : RESERVED.contains(name) ? "is named like one of flow's own files in the job's sandbox" : null;
            if (why != null) return new SandboxManifest(List.of(), manifest.used(), manifest.consumed(), stage + "[" + index + "]: input " + input + " " + why);
        }
        return manifest;
    }
}
