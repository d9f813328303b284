package flow.exec;

import flow.dsl.FlowDslException;
import flow.dsl.FlowLoader;
import flow.model.PipelineSpec;
import flow.model.SourceLocation;
import flow.model.Validator;
import flow.profile.Profiles;
import flow.step.StepRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads and validates a .flow file: the one way every command gets a pipeline. */
public final class PipelineLoader {
    private final StepRegistry steps;
    private final ExecutorRegistry executors;
    private final Path launchDir;
    private final Profiles profiles;

    public PipelineLoader(StepRegistry steps, ExecutorRegistry executors, Path launchDir) {
        this.steps = steps;
        this.executors = executors;
        this.launchDir = launchDir;
        this.profiles = Profiles.load(launchDir);
    }

    public PipelineLoader(StepRegistry steps, Path launchDir) {
        this(steps, ExecutorRegistry.load(), launchDir);
    }

    public Profiles profiles() {
        return profiles;
    }

    /**
     * @param cli the command line's --executor and --profile, which win over the file's
     * @throws FlowDslException with every problem, each naming file and line
     */
    public PipelineSpec load(Path file, Map<String, String> overrides, CliChoices cli) {
        return validated(() -> new FlowLoader(steps).load(file, overrides, launchDir), cli, validator());
    }

    /** The pipeline's stages and their links only: its input files need not exist ({@code flow dag}). */
    public PipelineSpec loadShape(Path file, Map<String, String> overrides) {
        return validated(() -> new FlowLoader(steps).load(file, overrides, launchDir), CliChoices.NONE, validator().withoutData());
    }

    /** A run's pipeline, its stages and links only (input files need not exist): as frozen in run.json. */
    public PipelineSpec loadShape(Path file, String frozenText, Map<String, String> overrides) {
        return validated(() -> new FlowLoader(steps).load(file, file + " (as frozen in run.json)", frozenText, overrides, launchDir),
                CliChoices.NONE, validator().withoutData());
    }

    /** A run's pipeline: its .flow file if it is still there, else the text frozen in run.json. */
    public PipelineSpec load(Path file, String frozenText, Map<String, String> overrides, CliChoices cli) {
        if (Files.isRegularFile(file)) return load(file, overrides, cli);
        return validated(() -> new FlowLoader(steps).load(file, file + " (as frozen in run.json)", frozenText, overrides, launchDir), cli, validator());
    }

    /** Executor and profile chosen on the command line; null where not given. */
    public record CliChoices(String executor, String profile) {
        public static final CliChoices NONE = new CliChoices(null, null);

        void applyTo(PipelineSpec spec) {
            if (executor != null) spec.executor(executor);
            if (profile != null) spec.profile(profile, new SourceLocation("--profile", 0));
        }
    }

    private Validator validator() {
        return new Validator(steps, profiles, launchDir, executors.names());
    }

    /**
     * The loaded pipeline, validated. When the script itself had errors, what it declared around
     * them is validated too, so that one report names every mistake of the file.
     */
    private PipelineSpec validated(java.util.function.Supplier<PipelineSpec> loading, CliChoices cli, Validator validator) {
        PipelineSpec spec;
        List<String> errors = new java.util.ArrayList<>();
        try {
            spec = loading.get();
        } catch (FlowDslException e) {
            if (e.declared().isEmpty()) throw e;
            spec = e.declared().get();
            errors.addAll(e.getErrors());
        }
        cli.applyTo(spec);
        errors.addAll(validator.validate(spec));
        if (!errors.isEmpty()) throw new FlowDslException(errors);
        return spec;
    }
}
