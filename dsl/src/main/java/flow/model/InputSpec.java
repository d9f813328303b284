package flow.model;

import java.util.List;

/** Where a stage's inputs come from. */
public sealed interface InputSpec {
    SourceLocation at();

    /** A glob, expanded and sorted at plan time. Matching nothing is an error unless optional. */
    record FileGlob(String pattern, boolean optional, SourceLocation at) implements InputSpec {}

    /** A text file listing one input path per line (blank lines and # comments ignored). */
    record FileListFile(String path, SourceLocation at) implements InputSpec {}

    /** An explicit list of paths. */
    record FileLiteral(List<String> paths, SourceLocation at) implements InputSpec {}

    /**
     * Datasets found by a closure of the .flow file ({@code inputs discover { ... }}), evaluated
     * each time the pipeline is planned: one task per dataset, known by its name.
     */
    record Discovered(java.util.function.Supplier<List<Dataset>> datasets, SourceLocation at) implements InputSpec {}

    /** The outputs of upstream stages, listed inside the task at run time. */
    record UpstreamOutputs(List<String> stages, SourceLocation at) implements InputSpec {}
}
