package flow.run;

import flow.plan.FileDigests;
import flow.plan.InputFile;
import flow.plan.PlannedTask;
import flow.plan.StageDefinition;
import flow.plan.UpstreamRef;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What differs between a planned task and the result of its last successful run, when their
 * identities differ: the first change that makes it run again ({@code config changed:
 * pulses.csv}, {@code input added: data/b.txt}, ...), or none but inputs whose modification time
 * changed while their content did not (then the task stays DONE, its result re-stamped).
 *
 * @param reason  why the task runs again; null if it does not
 * @param touched inputs touched without a change of content
 * @param restampedInputs the planned inputs with their recorded digests, for the re-stamped result
 */
record TaskChange(String reason, List<String> touched, List<InputFile> restampedInputs) {
    static final TaskChange NONE = new TaskChange(null, List.of(), List.of());

    private static TaskChange runs(String reason) {
        return new TaskChange(reason, List.of(), List.of());
    }

    static TaskChange between(StageDefinition def, PlannedTask task, TaskResult result, Path launchDir, FileDigests digests) {
        if (!task.recipe().equals(result.recipe())) {
            for (var file : def.paramFiles().entrySet()) {
                if (!file.getValue().equals(result.paramFiles().get(file.getKey()))) {
                    return runs("config changed: " + shown(launchDir, launchDir.resolve(String.valueOf(def.params().get(file.getKey()))).normalize().toString()));
                }
            }
            return runs("step or parameters changed");
        }
        Map<String, InputFile> recorded = new LinkedHashMap<>();
        result.inputs().forEach(f -> recorded.putIfAbsent(f.path(), f));
        List<String> touched = new ArrayList<>();
        List<InputFile> restamped = new ArrayList<>();
        for (InputFile now : task.files()) {
            InputFile then = recorded.remove(now.path());
            if (then == null) return runs("input added: " + shown(launchDir, now.path()));
            if (then.size() != now.size()) return runs("input changed: " + shown(launchDir, now.path()));
            if (then.modified() != now.modified()) {
                if (then.sha256() == null || !Files.isRegularFile(Path.of(now.path()))
                        || !then.sha256().equals(digests.sha256(Path.of(now.path())))) {
                    return runs("input changed: " + shown(launchDir, now.path()));
                }
                touched.add(now.path());
            }
            restamped.add(now.withDigest(then.sha256()));
        }
        if (!recorded.isEmpty()) return runs("input removed: " + shown(launchDir, recorded.keySet().iterator().next()));
        Set<String> consumed = new LinkedHashSet<>();
        for (UpstreamRef r : task.upstream()) for (int i = r.from(); i < r.to(); i++) consumed.add(r.stage() + "[" + i + "]");
        Set<String> used = new LinkedHashSet<>();
        result.upstream().forEach(u -> used.add(u.stage() + "[" + u.index() + "]"));
        for (String up : consumed) if (!used.contains(up)) return runs("upstream added: " + up);
        for (String up : used) if (!consumed.contains(up)) return runs("upstream removed: " + up);
        if (touched.isEmpty()) return runs("step or parameters changed");
        return new TaskChange(null, touched, restamped);
    }

    static String shown(Path launchDir, String path) {
        Path p = Path.of(path);
        return p.startsWith(launchDir) ? launchDir.relativize(p).toString() : path;
    }
}
