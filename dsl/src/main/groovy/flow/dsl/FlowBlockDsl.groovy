package flow.dsl

import groovy.transform.CompileStatic

import flow.model.NotifySpec
import flow.model.PipelineSpec

/** Delegate of {@code flow { name '...'; executor '...'; profile '...'; detector '...'; maxJobs N; notify ... }}. */
@CompileStatic
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

    /** {@code maxJobs 50}: at most 50 tasks of the run with the scheduler at once, across stages and watch ticks. */
    void maxJobs(int n) {
        if (n < 1) throw new FlowDslException("${lines.here()}: maxJobs must be at least 1, got $n")
        spec.maxJobs(n)
    }

    /** {@code notify email: 'me@cern.ch', on: ['failure', 'end']} or {@code notify command: '...'}. */
    void notify(Map opts) {
        def at = lines.here()
        def unknown = opts.keySet() - ['email', 'command', 'on']
        if (unknown) throw new FlowDslException("$at: notify takes email:, command: and on:, got '${unknown.join("', '")}'")
        if ((opts.email == null) == (opts.command == null)) throw new FlowDslException("$at: notify takes either email: or command:")
        List<String> on = opts.on == null ? NotifySpec.EVENTS : (opts.on instanceof Collection ? opts.on : [opts.on]).collect { String.valueOf(it) }
        def wrong = on - NotifySpec.EVENTS
        if (wrong) throw new FlowDslException("$at: notify on: unknown event '${wrong[0]}' (events: ${NotifySpec.EVENTS.join(', ')})")
        spec.notices().add(new NotifySpec(opts.email as String, opts.command as String, new LinkedHashSet<>(on), at))
    }
}
