package flow.submit;

import flow.model.InputFiles;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code flow import spine-prod}: a spine-prod pipeline YAML (stages with name, config, files,
 * profile, ntasks, files_per_task, output, depends_on, cleanup, flashmatch, larcv_basedir) as a
 * .flow pipeline, without the original's faults: a {@code files} string is one pattern (the
 * original iterated it character by character); {@code files} under an upstream stage's output
 * directory become {@code outputsOf} that stage; an unknown {@code depends_on} is an error; a
 * stage's {@code cleanup} of its own output becomes a cleanup hook on the stage that consumes it.
 */
public final class SpineProdImport {
    private final Path yamlFile;
    private final Path launchDir;
    private final flow.profile.Profiles profiles;

    public SpineProdImport(Path yamlFile, Path launchDir, flow.profile.Profiles profiles) {
        this.yamlFile = yamlFile;
        this.launchDir = launchDir;
        this.profiles = profiles;
    }

    private record Stage(String name, String config, List<String> files, String profile, Integer ntasks, Integer filesPerTask,
                         String output, List<String> dependsOn, List<String> cleanup, boolean flashmatch, String larcv) {
        String outputDir() {
            if (output == null) return null;
            Path p = Path.of(output);
            return (output.endsWith("/") || p.getFileName().toString().indexOf('.') < 0 ? p : p.getParent() == null ? Path.of(".") : p.getParent())
                    .normalize().toString();
        }
    }

    @SuppressWarnings("unchecked")
    public String convert(String text) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (MarkedYAMLException e) {
            throw new IllegalArgumentException(yamlFile + ":" + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem());
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("stages") instanceof List<?> stageList)) {
            throw new IllegalArgumentException(yamlFile + ": expected a top-level 'stages:' list");
        }
        Map<String, Stage> stages = new LinkedHashMap<>();
        for (Object o : stageList) {
            if (!(o instanceof Map<?, ?> m) || m.get("name") == null || m.get("config") == null) {
                throw new IllegalArgumentException(yamlFile + ": every stage needs a name and a config: " + o);
            }
            Stage s = new Stage(String.valueOf(m.get("name")), String.valueOf(m.get("config")), strings(m.get("files")),
                    m.get("profile") == null ? null : String.valueOf(m.get("profile")), integer(m.get("ntasks")), integer(m.get("files_per_task")),
                    m.get("output") == null ? null : String.valueOf(m.get("output")), strings(m.get("depends_on")), strings(m.get("cleanup")),
                    Boolean.TRUE.equals(m.get("flashmatch")), m.get("larcv_basedir") == null ? null : String.valueOf(m.get("larcv_basedir")));
            if (stages.put(s.name(), s) != null) throw new IllegalArgumentException(yamlFile + ": stage '" + s.name() + "' appears twice");
        }
        for (Stage s : stages.values()) {
            for (String d : s.dependsOn()) {
                if (!stages.containsKey(d)) {
                    throw new IllegalArgumentException(yamlFile + ": stage '" + s.name() + "' depends on '" + d + "', which is not a stage (stages: "
                            + String.join(", ", stages.keySet()) + ")");
                }
            }
        }
        return render(stages);
    }

    private String render(Map<String, Stage> stages) {
        StringBuilder f = new StringBuilder("// imported by flow import spine-prod from ").append(SpineSubmission.quote(yamlFile.toString())).append("\n");
        f.append("flow { name ").append(SpineSubmission.quote(yamlFile.getFileName().toString().replaceFirst("\\.ya?ml$", "")));
        stages.values().stream().map(s -> profiles.detectorOf(Path.of(s.config())).orElse(null)).filter(java.util.Objects::nonNull).findFirst()
                .ifPresent(d -> f.append("; detector ").append(SpineSubmission.quote(d)));
        f.append(" }\n\n");
        f.append("params { configDir = System.getenv('SPINE_CONFIG_PATH') ?: '.' }   // where the configs' relative paths start\n");
        Map<String, String> cleanupOn = cleanupHooks(stages);
        for (Stage s : stages.values()) {
            f.append("\nstage(").append(SpineSubmission.quote(s.name())).append(") {\n");
            if (!s.dependsOn().isEmpty()) f.append("    dependsOn ").append(quoted(s.dependsOn())).append('\n');
            String upstream = upstreamOf(s, stages);
            if (upstream != null) {
                f.append("    inputs outputsOf(").append(SpineSubmission.quote(upstream)).append(")\n");
                if (s.filesPerTask() != null) {
                    f.append("    group ").append(s.filesPerTask()).append("                         // upstream tasks per task\n");
                    if (s.ntasks() != null) f.append("    throttle ").append(s.ntasks()).append('\n');
                }
            } else if (!s.files().isEmpty()) {
                f.append("    inputs ").append(s.files().size() == 1 ? "files(" + SpineSubmission.quote(s.files().get(0)) + ")"
                        : "[" + String.join(", ", s.files().stream().map(SpineSubmission::quote).toList()) + "]").append('\n');
                group(f, s);
            }
            if (s.profile() != null) f.append("    profile ").append(SpineSubmission.quote(s.profile())).append('\n');
            List<String> params = new ArrayList<>(List.of("config: params.configDir + '/' + " + SpineSubmission.quote(s.config())));
            if (s.flashmatch()) params.add("flashmatch: true");
            if (s.larcv() != null) params.add("larcv: " + SpineSubmission.quote(s.larcv()));
            f.append("    step spine(").append(String.join(", ", params)).append(")\n");
            f.append("    outputs '*.h5'\n");
            if (s.output() != null) f.append("    // the original wrote ").append(SpineSubmission.quote(s.output())).append("; flow keeps each task's outputs in its run directory\n");
            if (cleanupOn.containsKey(s.name())) f.append("    cleanup ").append(SpineSubmission.quote(cleanupOn.get(s.name()))).append('\n');
            f.append("}\n");
        }
        return f.toString();
    }

    /** files_per_task → group; ntasks → the throttle with it, else the number of tasks (from the files there are now). */
    private void group(StringBuilder f, Stage s) {
        if (s.filesPerTask() != null) {
            f.append("    group ").append(s.filesPerTask()).append('\n');
            if (s.ntasks() != null) f.append("    throttle ").append(s.ntasks()).append('\n');
        } else if (s.ntasks() != null) {
            int files = s.files().stream().mapToInt(p -> p.matches(".*[*?\\[{].*") ? InputFiles.glob(p, launchDir).size() : 1).sum();
            if (files > 0) f.append("    group ").append((files + s.ntasks() - 1) / s.ntasks()).append("                         // ")
                    .append(s.ntasks()).append(" tasks over the ").append(files).append(" files there are now\n");
            else f.append("    // ntasks ").append(s.ntasks()).append(": no file matches yet, so one file per task\n");
        }
    }

    /** The stage whose output directory the files are in, if any. */
    private static String upstreamOf(Stage s, Map<String, Stage> stages) {
        for (String file : s.files()) {
            Path dir = Path.of(file).getParent();
            if (dir == null) continue;
            for (Stage other : stages.values()) {
                if (other != s && other.outputDir() != null && Path.of(other.outputDir()).normalize().equals(dir.normalize())) return other.name();
            }
        }
        return null;
    }

    /** A stage that lists its own output under cleanup: the hook goes on the first stage consuming it. */
    private Map<String, String> cleanupHooks(Map<String, Stage> stages) {
        Map<String, String> on = new LinkedHashMap<>();
        for (Stage s : stages.values()) {
            Set<String> targets = new LinkedHashSet<>(s.cleanup());
            if (targets.isEmpty() || s.outputDir() == null) continue;
            boolean own = targets.stream().anyMatch(t -> Path.of(t).normalize().equals(Path.of(s.outputDir()).normalize()));
            if (!own) throw new IllegalArgumentException(yamlFile + ": stage '" + s.name() + "' cleans up " + targets
                    + ", which is not its output directory " + s.outputDir() + "; flow only removes a stage's own outputs");
            stages.values().stream().filter(d -> d.dependsOn().contains(s.name()) || s.name().equals(upstreamOf(d, stages))).findFirst()
                    .ifPresent(d -> on.put(d.name(), s.name()));
        }
        return on;
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(SpineSubmission::quote).toList());
    }

    private static List<String> strings(Object value) {
        if (value == null) return List.of();
        if (value instanceof List<?> l) return l.stream().map(String::valueOf).toList();
        return List.of(String.valueOf(value)); // one pattern, never its characters
    }

    private Integer integer(Object value) {
        if (value == null) return null;
        if (value instanceof Number n) return n.intValue();
        throw new IllegalArgumentException(yamlFile + ": expected a number, got '" + value + "'");
    }
}
