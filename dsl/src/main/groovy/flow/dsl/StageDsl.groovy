package flow.dsl

import groovy.transform.CompileStatic

import flow.model.Batching
import flow.model.FailureClass
import flow.model.InputSpec
import flow.model.RetrySpec
import flow.model.StageRef
import flow.model.StageSpec
import flow.model.StepCall

/**
 * Delegate of {@code stage('name') { ... }}: the stage directives. Anything else written in a
 * stage falls through to {@link FlowScript}, which knows the steps (and the directives they
 * declare, such as the skim's {@code where}) and reports the rest.
 */
@CompileStatic
class StageDsl {
    static final List<String> DIRECTIVES = ['inputs', 'group', 'throttle', 'batch', 'step', 'outputs', 'retry', 'scan', 'exclude',
                                            'dependsOn', 'cleanup', 'profile', 'cpus', 'memory', 'time', 'gpus']

    private final StageSpec stage
    private final SourceLines lines

    StageDsl(StageSpec stage, SourceLines lines) {
        this.stage = stage
        this.lines = lines
    }

    void inputs(InputSpec source) { stage.inputs(source) }

    /** {@code inputs outputsOf('radii'), by: 'particle'}: one task per value of the upstream scan's axis (or axes). */
    void inputs(Map opts, InputSpec source) {
        def unknown = opts.keySet() - ['by']
        if (unknown) fail("inputs takes only 'by:', got '${unknown.join("', '")}'")
        if (!(source instanceof InputSpec.UpstreamOutputs)) fail("by: gathers the outputs of a scan stage: write inputs outputsOf('stage'), by: 'axis'")
        List<String> axes = (opts.by instanceof Collection ? opts.by : [opts.by]).collect { String.valueOf(it) }
        if (axes.isEmpty()) fail("by: names at least one scan axis")
        stage.inputs(source)
        stage.by(axes, lines.here())
    }

    void inputs(String path) { stage.inputs(new InputSpec.FileLiteral([path], lines.here())) }

    void inputs(List<?> paths) { stage.inputs(new InputSpec.FileLiteral(paths.collect { String.valueOf(it) }, lines.here())) }

    void group(int n) { stage.group(n, lines.here()) }

    /** {@code group 'all'}: one task over every input. */
    void group(String all) {
        if (all != 'all') fail("group takes a number of inputs per task or 'all', got '$all'")
        stage.group(StageSpec.GROUP_ALL, lines.here())
    }

    void throttle(int n) {
        if (n < 1) fail("throttle must be at least 1, got $n")
        stage.throttle(n)
    }

    void publish(String target) { publish([:], target) }

    /** {@code publish 'results/', mode: 'link', overwrite: true, as: '${stage}_${index}_${name}'}; a root:// target is copied to. */
    /** {@code as: { task, file -> ... }}: called by the head as it publishes, with the task (stage, index, point values) and the output's path. */
    private flow.model.PublishSpec.Naming namingOf(Closure closure) {
        if (closure.maximumNumberOfParameters != 2) fail("publish as: a closure takes (task, file), got ${closure.maximumNumberOfParameters} parameters")
        return { Map task, String file -> closure.call(task, file)?.toString() } as flow.model.PublishSpec.Naming
    }

    void publish(Map opts, String target) {
        def unknown = opts.keySet() - ['mode', 'overwrite', 'as']
        if (unknown) fail("publish takes mode:, overwrite: and as:, got '${unknown.join("', '")}'")
        String mode = opts.mode == null ? 'copy' : String.valueOf(opts.mode)
        if (!(mode in flow.model.PublishSpec.MODES)) fail("publish mode: expected ${flow.model.PublishSpec.MODES.join(', ')}, got '$mode'")
        if (flow.remote.XrootdUrl.is(target)) {
            if (mode != 'copy') fail("publish to $target: a server takes copies only (mode: 'copy'), got '$mode'")
            try {
                flow.remote.XrootdUrl.parse(target)
            } catch (IllegalArgumentException e) {
                fail("publish: ${e.message}")
            }
        }
        def naming = opts.as instanceof Closure ? namingOf((Closure) opts.as) : null
        stage.publish(new flow.model.PublishSpec(target, mode, opts.overwrite == true,
                opts.as == null || naming != null ? null : String.valueOf(opts.as), naming, lines.here()))
    }

    void batch(int n) { batch([:], n) }

    /** {@code batch 10, parallel: 2}: ten tasks per batch job, two at a time. */
    void batch(Map opts, int n) {
        if (n < 1) fail("batch must be at least 1 task per job, got $n")
        def unknown = opts.keySet() - ['parallel']
        if (unknown) fail("batch takes only 'parallel:', got '${unknown.join("', '")}'")
        int parallel = opts.parallel == null ? 1 : opts.parallel as int
        if (parallel < 1 || parallel > n) fail("batch $n, parallel: $parallel: parallel must be between 1 and the batch size $n")
        stage.batching(new Batching(n, parallel), lines.here())
    }

    void step(StepCall call) { stage.step(call) }

    /** {@code step 'name', param: value}: a step by name. */
    void step(Map params = [:], String name) { stage.step(new StepCall(name, (Map) PlainValues.of(params), lines.here())) }

    void outputs(String... patterns) { stage.outputs().addAll(patterns) }

    void retry(int times) { retry([:], times) }

    /** {@code retry 2, on: ['step_error', 'node_failure']}; by default only transient failures. */
    void retry(Map opts, int times) {
        if (times < 0) fail("retry count must not be negative, got $times")
        Set<FailureClass> on = opts.on == null ? FailureClass.TRANSIENT : (opts.on instanceof Collection ? opts.on : [opts.on]).collect { key ->
            FailureClass.fromKey(String.valueOf(key)).orElseThrow {
                new FlowDslException("${lines.here()}: unknown failure class '$key' in retry (expected one of: ${FailureClass.values()*.key().join(', ')})")
            }
        }.toSet()
        stage.retry(new RetrySpec(times, on.isEmpty() ? EnumSet.noneOf(FailureClass) : EnumSet.copyOf(on)))
    }

    /** {@code scan csv('points.csv')}: these points, one by one. */
    void scan(List<Map<String, Object>> points) {
        stage.scanAt(lines.here())
        stage.explicitPoints(points)
    }

    /** {@code exclude { p -> p.pt == 0 && p.threshold > 4000 }}: drops the points for which it is true. */
    void exclude(Closure<?> test) {
        stage.exclude({ Object point -> test.call(point) as boolean } as java.util.function.Predicate)
    }

    /**
     * {@code scan a: [...], b: [...]} or {@code scan yaml('bx.yml')}: a list is an axis, a single
     * value a fixed one; a YAML with {@code axes:} and {@code fixed:} sections says which is which.
     */
    void scan(Map<String, ?> axes) {
        stage.scanAt(lines.here())
        if (axes && (axes.keySet() as Set).every { it in ['axes', 'fixed'] } && axes.values().every { it instanceof Map }) {
            Map<String, Object> flat = new LinkedHashMap<>((Map) axes.axes ?: [:])
            ((Map) axes.fixed ?: [:]).each { key, value -> flat.put(String.valueOf(key), [value]) }
            axes = flat
        }
        axes.each { key, values ->
            stage.scan().put(key, (List) PlainValues.of(values instanceof Collection ? new ArrayList<Object>(values) : [values]))
        }
    }

    void dependsOn(String... names) {
        def at = lines.here()
        names.each { stage.dependsOn().add(new StageRef(it, at)) }
    }

    void cleanup(String... names) {
        def at = lines.here()
        names.each { stage.cleanup().add(new StageRef(it, at)) }
    }

    void profile(String name) { stage.profile(name, lines.here()) }

    void cpus(int n) { stage.resource('cpus', n, lines.here()) }

    void memory(String amount) { stage.resource('memory', amount, lines.here()) }

    void time(String limit) { stage.resource('time', limit, lines.here()) }

    void gpus(int n) { stage.resource('gpus', n, lines.here()) }

    private void fail(String message) {
        throw new FlowDslException("${lines.here()}: $message")
    }
}
