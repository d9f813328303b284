package flow.model;

import flow.profile.Profiles;
import flow.step.Step;
import flow.step.StepRegistry;
import flow.util.Suggestions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks a pipeline before anything runs. Each message starts with {@code file:line:}. */
public final class Validator {
    /** What a detector of the profiles' {@code detectors:} may set. */
    private static final List<String> DETECTOR_KEYS = List.of("default_profile", "account");
    /** Template variables every task has, besides its stage's scan axes. */
    public static final Set<String> TASK_VARIABLES = Set.of("inputs", "outDir", "index", "stage", "cpus", "taskDir", "launchDir");
    /** What a task consuming upstream outputs has besides: which point made which file. */
    public static final Set<String> MANIFEST_VARIABLES = Set.of("inputsManifest", "inputsTable");

    private final StepRegistry steps;
    private final Profiles profiles;
    private final Path launchDir;
    /** The executors' names, from their plug-ins (the dsl module knows none itself). */
    private final Set<String> executors;

    /** Whether the input files must exist: not when only the pipeline's shape is asked for ({@code flow dag}). */
    private final boolean checkData;

    public Validator(StepRegistry steps, Profiles profiles, Path launchDir, Set<String> executors) {
        this(steps, profiles, launchDir, executors, true);
    }

    private Validator(StepRegistry steps, Profiles profiles, Path launchDir, Set<String> executors, boolean checkData) {
        this.steps = steps;
        this.profiles = profiles;
        this.launchDir = launchDir;
        this.executors = executors;
        this.checkData = checkData;
    }

    /** This validator, but not asking that the input files exist. */
    public Validator withoutData() {
        return new Validator(steps, profiles, launchDir, executors, false);
    }

    public List<String> validate(PipelineSpec pipeline) {
        List<String> errors = new ArrayList<>(pipeline.duplicateStageErrors());
        String file = pipeline.sourceFile().toString();
        if (!executors.contains(pipeline.executor())) {
            errors.add(file + ": unknown executor '" + pipeline.executor() + "' (expected one of: " + String.join(", ", new java.util.TreeSet<>(executors)) + ")");
        }
        checkProfile(pipeline.profile(), pipeline.profileAt(), errors);
        if (pipeline.detector() != null && profiles.detector(pipeline.detector()).isEmpty()) {
            errors.add(pipeline.sourceFile() + ": unknown detector '" + pipeline.detector() + "' (known: " + String.join(", ", profiles.detectorNames()) + ")");
        } else if (pipeline.detector() != null) {
            profiles.detector(pipeline.detector()).get().keySet().stream().filter(k -> !DETECTOR_KEYS.contains(k)).forEach(k ->
                    errors.add(profiles.detectorWhere(pipeline.detector(), k) + ": unknown key '" + k + "' of detector '" + pipeline.detector()
                            + "'" + Suggestions.didYouMean(k, DETECTOR_KEYS) + "; known: " + String.join(", ", DETECTOR_KEYS)));
        }
        for (StageSpec stage : pipeline.stages().values()) {
            if (!stage.unread()) checkDependencies(pipeline, stage, errors);
        }
        findCycle(pipeline).ifPresent(errors::add);
        Set<String> checkedProfiles = new HashSet<>();
        for (StageSpec stage : pipeline.stages().values()) {
            if (stage.unread()) continue;
            checkResources(pipeline, stage, checkedProfiles, errors);
            checkStep(pipeline, stage, errors);
            checkInputs(pipeline, stage, errors);
            checkProfile(stage.profile(), stage.profileAt(), errors);
            if (stage.group() != null && stage.group() < 0) errors.add(stage.groupAt() + ": group must be at least 1");
            if (stage.group() != null && stage.inputs() == null) {
                errors.add(stage.groupAt() + ": group gathers inputs into one task, and stage '" + stage.name() + "' has no inputs"
                        + (stage.scanAt() != null ? "; to run several scan points in one job, write batch N" : ""));
            }
            stage.scan().forEach((axis, values) -> {
                if (values.isEmpty()) errors.add(stage.scanAt() + ": scan axis '" + axis + "' has no values");
            });
        }
        return errors;
    }

    /**
     * The resources a stage gets from its profile (checked once per profile, at the lines of its
     * YAML) and from its own lines: every key known, every value possible.
     */
    private void checkResources(PipelineSpec pipeline, StageSpec stage, Set<String> checkedProfiles, List<String> errors) {
        String profile = pipeline.profileOf(stage, profiles);
        if (checkedProfiles.add(profile)) {
            profiles.find(profile).ifPresent(r -> errors.addAll(ResourceKey.check(r, key -> profiles.where(profile, key))));
        }
        errors.addAll(ResourceKey.check(stage.resources(), key -> stage.resourceAt(key).toString()));
    }

    private void checkProfile(String name, SourceLocation at, List<String> errors) {
        if (name != null && profiles.find(name).isEmpty()) {
            errors.add(at + ": unknown profile '" + name + "'" + Suggestions.didYouMean(name, profiles.names()) + " (known: " + String.join(", ", profiles.names()) + ")");
        }
    }

    /** " (did you mean prepare?)" for a stage name that is a typo of the pipeline's, else "". */
    private static String stageSuggestion(PipelineSpec pipeline, String name) {
        return flow.util.Suggestions.didYouMean(name, pipeline.stages().keySet());
    }

    private static void checkDependencies(PipelineSpec pipeline, StageSpec stage, List<String> errors) {
        for (StageRef ref : stage.dependsOn()) {
            if (pipeline.stage(ref.name()) == null) {
                errors.add(ref.at() + ": stage '" + stage.name() + "' depends on unknown stage '" + ref.name() + "'" + stageSuggestion(pipeline, ref.name()));
            }
        }
    }

    private void checkStep(PipelineSpec pipeline, StageSpec stage, List<String> errors) {
        if (stage.step() == null) {
            errors.add(stage.at() + ": stage '" + stage.name() + "' has no step");
            return;
        }
        SourceLocation at = stage.step().at();
        Optional<Step> step = steps.find(stage.step().name());
        if (step.isEmpty()) {
            errors.add(at + ": unknown step '" + stage.step().name() + "'" + Suggestions.didYouMean(stage.step().name(), steps.names()) + " (known steps: " + String.join(", ", steps.names()) + ")");
            return;
        }
        List<String> paramErrors = StepRegistry.checkParams(step.get(), stage.step().params());
        paramErrors.forEach(e -> errors.add(at + ": " + e));
        if (!paramErrors.isEmpty()) return;
        Set<String> variables = new LinkedHashSet<>(TASK_VARIABLES);
        variables.addAll(stage.scan().keySet());
        variables.addAll(stage.by());
        if (stage.inputs() instanceof InputSpec.UpstreamOutputs) variables.addAll(MANIFEST_VARIABLES);
        if (stage.inputs() instanceof InputSpec.Discovered d) {
            // the datasets' values are known only once found: with none found yet (or the closure failing), nothing to check against
            List<Dataset> found = discovered(d).orElse(List.of());
            if (found.isEmpty()) return;
            variables.add(Dataset.NAME);
            found.forEach(dataset -> variables.addAll(dataset.values().keySet()));
        }
        Map<String, Object> params = StepRegistry.withDefaults(step.get(), stage.step().params());
        Set<String> pipelineParams = pipeline.params().keySet();
        for (String problem : step.get().check(params, withParams(variables, pipelineParams))) {
            errors.add(at + ": " + problem);
        }
    }

    private static Optional<List<Dataset>> discovered(InputSpec.Discovered d) {
        try {
            return Optional.of(d.datasets().get());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Variable names a step may use: the task's, plus {@code params.x} for each pipeline parameter. */
    private static Set<String> withParams(Set<String> variables, Set<String> params) {
        Set<String> all = new LinkedHashSet<>(variables);
        params.forEach(p -> all.add("params." + p));
        return all;
    }

    private void checkInputs(PipelineSpec pipeline, StageSpec stage, List<String> errors) {
        InputSpec inputs = stage.inputs();
        for (StageRef ref : stage.cleanup()) {
            if (pipeline.stage(ref.name()) == null) {
                errors.add(ref.at() + ": cleanup of unknown stage '" + ref.name() + "'" + stageSuggestion(pipeline, ref.name()));
            } else if (!upstreamOf(pipeline, stage.name()).contains(ref.name())) {
                errors.add(ref.at() + ": cleanup '" + ref.name() + "' in stage '" + stage.name()
                        + "': '" + ref.name() + "' is not upstream of '" + stage.name() + "' (add dependsOn '" + ref.name() + "')");
            }
        }
        if (inputs == null) return;
        if (inputs instanceof InputSpec.UpstreamOutputs u) {
            Set<String> upstream = upstreamOf(pipeline, stage.name());
            for (String name : u.stages()) {
                if (pipeline.stage(name) == null) {
                    errors.add(u.at() + ": outputsOf unknown stage '" + name + "'" + stageSuggestion(pipeline, name));
                } else if (!upstream.contains(name)) {
                    errors.add(u.at() + ": outputsOf('" + name + "') in stage '" + stage.name() + "': '" + name
                            + "' is not upstream of '" + stage.name() + "' (add dependsOn '" + name + "')");
                }
            }
            if (!stage.by().isEmpty()) checkBy(pipeline, stage, u, errors);
            for (String name : u.stages()) {
                StageSpec up = pipeline.stage(name);
                if (up != null && up.publish() != null && up.publish().mode().equals("move")) {
                    errors.add(up.publish().at() + ": publish mode: 'move' takes stage '" + name + "''s outputs away, but stage '"
                            + stage.name() + "' reads them: use mode: 'copy' or 'link'");
                }
            }
            if (u.stages().size() > 1 && stage.group() != null && stage.group() != StageSpec.GROUP_ALL) {
                errors.add(stage.groupAt() + ": group over outputsOf several stages is not defined; use one stage or group 'all'");
            }
        } else if (inputs instanceof InputSpec.Discovered d) {
            if (stage.group() != null) errors.add(stage.groupAt() + ": a discovering stage runs one task per dataset: no group");
            if (checkData) {
                try {
                    d.datasets().get();
                } catch (RuntimeException e) {
                    errors.add(e.getMessage());
                }
            }
        } else if (!checkData) {
            return; // the data need not be there to draw the pipeline
        } else if (inputs instanceof InputSpec.FileGlob g && flow.remote.XrootdUrl.is(g.pattern())) {
            try {
                if (!g.optional() && InputFiles.expand(g, launchDir).isEmpty()) {
                    errors.add(g.at() + ": files('" + g.pattern() + "') matches no file on its server; write files('" + g.pattern()
                            + "', optional: true) if that is expected");
                }
            } catch (RuntimeException e) {
                errors.add(g.at() + ": files('" + g.pattern() + "'): " + e.getMessage());
            }
        } else if (inputs instanceof InputSpec.FileGlob g) {
            if (!g.optional() && !InputFiles.anyMatch(g.pattern(), launchDir)) {
                errors.add(g.at() + ": files('" + g.pattern() + "') matches no file (in " + launchDir
                        + "); write files('" + g.pattern() + "', optional: true) if that is expected");
            }
        } else if (inputs instanceof InputSpec.FileListFile f) {
            Path list = InputFiles.absolute(f.path(), launchDir);
            if (!Files.isReadable(list)) {
                errors.add(f.at() + ": fileList('" + f.path() + "'): no readable file " + list);
            } else {
                try {
                    missing(InputFiles.expand(f, launchDir)).ifPresent(p -> errors.add(f.at() + ": " + list + " lists a missing file: " + p));
                } catch (java.io.UncheckedIOException e) {
                    errors.add(f.at() + ": " + e.getMessage());
                }
            }
        } else if (inputs instanceof InputSpec.FileLiteral l) {
            try {
                missing(InputFiles.expand(l, launchDir)).ifPresent(p -> errors.add(l.at() + ": input file does not exist: " + p));
            } catch (java.io.UncheckedIOException e) {
                errors.add(l.at() + ": " + e.getMessage());
            }
        }
    }

    /** {@code by:} takes the axes of one upstream scan, and makes the tasks itself: no group. */
    private static void checkBy(PipelineSpec pipeline, StageSpec stage, InputSpec.UpstreamOutputs u, List<String> errors) {
        if (u.stages().size() != 1) {
            errors.add(stage.byAt() + ": by: gathers the tasks of one scan stage, got outputsOf(" + String.join(", ", u.stages()) + ")");
            return;
        }
        if (stage.group() != null) errors.add(stage.groupAt() + ": group and by: both say how tasks are made: keep one");
        StageSpec upstream = pipeline.stage(u.stages().get(0));
        if (upstream == null) return;
        for (String axis : stage.by()) {
            if (!upstream.scan().containsKey(axis)) {
                errors.add(stage.byAt() + ": by: '" + axis + "' is not a scan axis of stage '" + upstream.name() + "'"
                        + Suggestions.didYouMean(axis, upstream.scan().keySet())
                        + (upstream.scan().isEmpty() ? " (it has no scan)" : " (its axes: " + String.join(", ", upstream.scan().keySet()) + ")"));
            } else if (stage.scan().containsKey(axis)) {
                errors.add(stage.byAt() + ": by: '" + axis + "' is also an axis of this stage's own scan");
            }
        }
    }

    /** The first of some local paths and xrootd URLs that is not there (a server that cannot be asked says why). */
    private static Optional<String> missing(List<String> files) {
        return files.stream().filter(f -> {
            if (!flow.remote.XrootdUrl.is(f)) return !Files.exists(Path.of(f));
            try {
                return !flow.remote.Xrootd.exists(flow.remote.XrootdUrl.parse(f));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e.getMessage(), e);
            }
        }).findFirst();
    }

    /** Every stage {@code name} depends on, directly or not. */
    public static Set<String> upstreamOf(PipelineSpec pipeline, String name) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(name));
        while (!todo.isEmpty()) {
            StageSpec stage = pipeline.stage(todo.pop());
            if (stage == null) continue;
            for (String dep : stage.dependencyNames()) {
                if (seen.add(dep)) todo.push(dep);
            }
        }
        return seen;
    }

    /** The first dependency cycle, as {@code file:line: dependency cycle: a -> b -> a}. */
    private static Optional<String> findCycle(PipelineSpec pipeline) {
        Set<String> done = new HashSet<>();
        for (String start : pipeline.stages().keySet()) {
            List<String> path = new ArrayList<>();
            Optional<List<String>> cycle = visit(pipeline, start, path, new HashSet<>(), done);
            if (cycle.isPresent()) {
                StageSpec first = pipeline.stage(cycle.get().get(0));
                return Optional.of(first.at() + ": dependency cycle: " + String.join(" -> ", cycle.get()));
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(PipelineSpec pipeline, String name, List<String> path,
                                                Set<String> onPath, Set<String> done) {
        if (onPath.contains(name)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            return Optional.of(cycle);
        }
        StageSpec stage = pipeline.stage(name);
        if (stage == null || done.contains(name)) return Optional.empty();
        path.add(name);
        onPath.add(name);
        for (String dep : stage.dependencyNames()) {
            Optional<List<String>> cycle = visit(pipeline, dep, path, onPath, done);
            if (cycle.isPresent()) return cycle;
        }
        path.remove(path.size() - 1);
        onPath.remove(name);
        done.add(name);
        return Optional.empty();
    }
}
