package flow.submit;

import flow.model.InputFiles;
import flow.profile.Profiles;
import flow.util.ControlCharacters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code flow submit} asks for, checked and resolved: the source files (globs expanded and
 * sorted, list files read; missing files and names with ',' refused), the detector (given, or
 * an exact component of the config's path), the profile (given, else the detector's), and the
 * chunking. It renders a one-stage spine pipeline as .flow text, so the submission runs,
 * resumes and reports like any pipeline.
 *
 * @param filesPerTask files per task, or null
 * @param ntasks       with filesPerTask: the throttle (tasks at once); without: the number of tasks
 */
public record SpineSubmission(Path config, List<Path> sources, String name, String detector, String profile, Integer filesPerTask,
                              Integer ntasks, Map<String, String> sets, String larcv, boolean flashmatch, Path output) {

    /** The options of {@code flow submit}, as given. */
    public record Request(Path config, List<String> sources, Path sourceList, Integer filesPerTask, Integer ntasks, String profile,
                          String detector, String jobName, Path output, String larcv, boolean flashmatch, Map<String, String> sets) {}

    /** As spine-prod's submitter: SLURM where sbatch is on PATH (S3DF), else this machine. */
    public static String defaultExecutor(flow.exec.ExecutorRegistry executors) {
        return executors.firstAvailable("slurm", "local");
    }

    public static SpineSubmission resolve(Request r, Profiles profiles, Path launchDir) {
        Path config = launchDir.resolve(r.config()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(config)) throw new IllegalArgumentException("--config " + config + " does not exist");
        if (r.sources().isEmpty() == (r.sourceList() == null)) throw new IllegalArgumentException("give either --source or --source-list");
        List<Path> files = r.sourceList() != null ? listed(launchDir.resolve(r.sourceList())) : globbed(r.sources(), launchDir);
        if (files.isEmpty()) throw new IllegalArgumentException("no source files");
        for (Path f : files) {
            if (f.toString().contains(",")) throw new IllegalArgumentException("source file names must not contain ',': " + f);
            if (!Files.isRegularFile(f)) throw new IllegalArgumentException("source file does not exist: " + f);
        }
        String detector = r.detector() != null ? r.detector() : profiles.detectorOf(config).orElse(null);
        if (detector != null && profiles.detector(detector).isEmpty()) {
            throw new IllegalArgumentException("unknown detector '" + detector + "' (known: " + String.join(", ", profiles.detectorNames()) + ")");
        }
        String profile = r.profile() != null ? r.profile()
                : detector != null ? String.valueOf(profiles.detector(detector).get().getOrDefault("default_profile", "default")) : "default";
        if (profiles.find(profile).isEmpty()) throw new IllegalArgumentException("unknown profile '" + profile + "' (known: " + String.join(", ", profiles.names()) + ")");
        if (r.filesPerTask() != null && r.filesPerTask() < 1) throw new IllegalArgumentException("--files-per-task must be at least 1");
        if (r.ntasks() != null && r.ntasks() < 1) throw new IllegalArgumentException("--ntasks must be at least 1");
        String name = r.jobName() != null ? r.jobName() : config.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        if (!name.matches("[A-Za-z0-9_.-]+")) throw new IllegalArgumentException("--job-name may hold letters, digits, '_', '.' and '-' only: " + name);
        return new SpineSubmission(config, files, name, detector, profile, r.filesPerTask(), r.ntasks(), r.sets(), r.larcv(),
                r.flashmatch(), r.output() == null ? null : launchDir.resolve(r.output()).toAbsolutePath().normalize());
    }

    /** Files per task: as given, else spread over --ntasks tasks, else one. */
    public int groupSize() {
        if (filesPerTask != null) return filesPerTask;
        if (ntasks != null) return (sources.size() + ntasks - 1) / ntasks;
        return 1;
    }

    /** How many tasks (chunks) the files make. */
    public int chunks() {
        return (sources.size() + groupSize() - 1) / groupSize();
    }

    /** The throttle: --ntasks when --files-per-task is given. */
    public Integer throttle() {
        return filesPerTask != null ? ntasks : null;
    }

    /** The pipeline, reading its inputs from {@code sourceList} (one path per line). */
    public String flowText(Path sourceList, String command) {
        StringBuilder f = new StringBuilder();
        f.append("// written by flow submit: ").append(command.replace('\n', ' ')).append('\n');
        f.append("flow { name ").append(quote(name));
        if (detector != null) f.append("; detector ").append(quote(detector));
        f.append(" }\n\n");
        f.append("stage('spine') {\n");
        f.append("    inputs fileList(").append(quote(sourceList.toString())).append(")\n");
        f.append("    group ").append(groupSize()).append('\n');
        if (throttle() != null) f.append("    throttle ").append(throttle()).append('\n');
        f.append("    profile ").append(quote(profile)).append('\n');
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("config", quote(config.toString()));
        if (flashmatch) params.put("flashmatch", "true");
        if (larcv != null) params.put("larcv", quote(larcv));
        if (!sets.isEmpty()) {
            List<String> entries = new ArrayList<>();
            sets.forEach((k, v) -> entries.add(quote(k) + ": " + quote(v)));
            params.put("set", "[" + String.join(", ", entries) + "]");
        }
        List<String> rendered = new ArrayList<>();
        params.forEach((k, v) -> rendered.add(k + ": " + v));
        f.append("    step spine(").append(String.join(", ", rendered)).append(")\n");
        f.append("    outputs '*.h5'\n");
        f.append("}\n");
        if (output != null) {
            f.append("\n// copies every output into ").append(output).append(", each under a temporary name first\n");
            f.append("stage('collect') {\n    dependsOn 'spine'\n    inputs outputsOf('spine')\n");
            f.append("    step exec('mkdir -p ").append("${params.output}").append(" && for f in ${inputs}; do cp \"$f\" ${params.output}/.tmp.$$ && mv ${params.output}/.tmp.$$ ${params.output}/$(basename \"$f\"); done')\n}\n");
            f.insert(f.indexOf("stage('spine')"), "params { output = " + quote(output.toString()) + " }\n\n");
        }
        return f.toString();
    }

    /** A Groovy string literal that holds {@code value} exactly. */
    /**
     * A Groovy string literal that reads back as exactly {@code value}: single quotes (no
     * interpolation), {@code \\} and {@code '} escaped, every control character written as a
     * unicode escape, so that no value can end the literal, the line or a comment it is quoted in.
     * The only way a value reaches generated .flow text.
     */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("'");
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '\'') out.append('\\').append(c);
            else if (ControlCharacters.is(c) || c == '\u2028' || c == '\u2029') out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('\'').toString();
    }

    private static List<Path> globbed(List<String> patterns, Path launchDir) {
        List<Path> files = new ArrayList<>();
        for (String p : patterns) {
            if (p.matches(".*[*?\\[{].*")) {
                List<Path> matched = InputFiles.glob(p, launchDir);
                if (matched.isEmpty()) throw new IllegalArgumentException("--source " + p + " matches no file");
                files.addAll(matched);
            } else {
                files.add(launchDir.resolve(p).toAbsolutePath().normalize());
            }
        }
        return files;
    }

    private static List<Path> listed(Path list) {
        try {
            return Files.readAllLines(list).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> list.getParent().resolve(l).toAbsolutePath().normalize()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --source-list " + list, e);
        }
    }
}
