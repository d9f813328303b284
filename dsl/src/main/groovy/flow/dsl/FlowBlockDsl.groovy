package flow.dsl

import flow.model.PipelineSpec

/** Delegate of {@code flow { name '...'; executor '...'; profile '...'; detector '...' }}. */
class FlowBlockDsl {
    private final PipelineSpec spec
    private final SourceLines lines

    FlowBlockDsl(PipelineSpec spec, SourceLines lines) {
        this.spec = spec
        this.lines = lines
    }

    void name(String name) { spec.name(name) }

    void executor(String executor) { spec.executor(executor) }

    void profile(String profile) { spec.profile(profile, lines.here()) }

    /** {@code detector 'icarus'}: the detector's account applies where no profile gives one. */
    void detector(String detector) { spec.detector(detector) }
}
