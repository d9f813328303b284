package flow.run;

import flow.plan.InputFile;
import flow.plan.PlannedTask;
import flow.remote.XrootdUrl;
import flow.util.AtomicFiles;
import flow.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For sites without a shared filesystem: a task's inputs resolved on the submit side (where the
 * run directory is), written as {@code sandbox.json} beside the task and transferred with the
 * input files, which arrive in the job's scratch directory under their names. On the node the
 * manifest stands in for the run directory. Inputs that share a name cannot both arrive, so
 * they are refused here, naming the task and the file. Remote inputs ({@code root://}) are not
 * sent: the manifest keeps their URLs, and the node stages them itself.
 *
 * @param inputs   submit-side paths of the input files, in the task's order
 * @param used     the upstream outputs consumed, with their digests
 * @param consumed the same with their points, submit-side paths (for the task's inputs manifest)
 * @param missing  why the inputs could not be resolved, or null
 */
public record SandboxManifest(List<String> inputs, List<TaskResult.UpstreamUse> used, List<InputsManifest.Entry> consumed, String missing) {
    public static final String FILE = "sandbox.json";

    /** Resolves the task's inputs in the run directory. */
    public static SandboxManifest stageIn(RunDir run, String stage, PlannedTask task) {
        List<TaskResult.UpstreamUse> used = new ArrayList<>();
        List<InputsManifest.Entry> consumed = new ArrayList<>();
        try {
            // remote inputs are not sent: the node stages them itself (StagedInputs), or the step streams them
            List<Path> paths = new RunDirInputs(run).resolve(task, used, consumed);
            Map<String, Path> byName = new HashMap<>();
            for (Path p : paths) {
                Path other = byName.put(p.getFileName().toString(), p);
                if (other != null) {
                    return new SandboxManifest(List.of(), used, consumed, stage + "[" + task.index() + "]: inputs " + other + " and " + p
                            + " share the name " + p.getFileName() + ", and without a shared filesystem files arrive by name");
                }
            }
            List<String> inputs = TaskInputs.named(task, paths);
            return new SandboxManifest(inputs, used, consumed, null);
        } catch (TaskInputs.MissingInputException e) {
            return new SandboxManifest(List.of(), used, consumed, e.getMessage());
        }
    }

    public void write(Path file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("inputs", inputs);
        json.put("upstream", used.stream().map(u -> Map.of("stage", u.stage(), "index", u.index(), "outputsDigest", u.outputsDigest())).toList());
        json.put("consumed", consumed.stream().map(InputsManifest.Entry::toJson).toList());
        json.put("missing", missing);
        try {
            Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + file.getParent(), e);
        }
        AtomicFiles.write(file, Json.pretty(json) + "\n");
    }

    @SuppressWarnings("unchecked")
    public static SandboxManifest read(Path file) {
        Map<String, Object> json = Json.readObject(file);
        List<TaskResult.UpstreamUse> used = ((List<Map<String, Object>>) json.get("upstream")).stream()
                .map(m -> new TaskResult.UpstreamUse((String) m.get("stage"), ((Number) m.get("index")).intValue(), (String) m.get("outputsDigest")))
                .toList();
        List<InputsManifest.Entry> consumed = ((List<Map<String, Object>>) json.get("consumed")).stream().map(InputsManifest.Entry::fromJson).toList();
        return new SandboxManifest((List<String>) json.get("inputs"), used, consumed, (String) json.get("missing"));
    }

    /** The inputs as they arrived in {@code scratch} (by name: {@link #stageIn} refused names that clash). */
    public TaskInputs inScratch(Path scratch) {
        return (task, usedOut, consumedOut) -> {
            if (missing != null) throw new TaskInputs.MissingInputException(missing);
            List<Path> paths = new ArrayList<>();
            for (int k = 0; k < inputs.size(); k++) {
                String input = inputs.get(k);
                if (XrootdUrl.is(input)) {
                    // staged on this node before the inputs are resolved: the task holds the copy where its URL
                    // was; a step that streams it has the URL itself
                    InputFile staged = task.files().get(k);
                    if (!staged.remote()) paths.add(Path.of(staged.path()));
                    continue;
                }
                Path p = scratch.resolve(Path.of(input).getFileName());
                if (!Files.exists(p)) throw new TaskInputs.MissingInputException("input file did not arrive in the job's sandbox: " + p.getFileName());
                paths.add(p);
            }
            usedOut.addAll(used);
            consumed.forEach(e -> consumedOut.add(new InputsManifest.Entry(e.stage(), e.index(), e.point(),
                    e.files().stream().map(f -> scratch.resolve(f.getFileName())).toList())));
            return paths;
        };
    }
}
