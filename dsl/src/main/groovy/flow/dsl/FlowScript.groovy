package flow.dsl

import flow.model.InputSpec
import flow.model.PipelineSpec
import flow.model.SourceLocation
import flow.model.StageSpec
import flow.model.StepCall
import flow.step.StepRegistry

/**
 * Base class of every .flow script: the top-level DSL. Evaluating a script only records what it
 * declares into a {@link PipelineSpec}; nothing runs.
 */
abstract class FlowScript extends Script {
    PipelineSpec spec
    SourceLines lines
    StepRegistry steps
    /** The directory holding the .flow file, for paths to files shipped with the pipeline. */
    String projectDir
    /** The directory flow was started from; relative input paths resolve here. */
    String launchDir
    Map<String, String> paramOverrides = [:]
    private SourceLocation paramsAt

    void flow(@DelegatesTo(FlowBlockDsl) Closure body) {
        runWith(new FlowBlockDsl(spec, lines), body)
    }

    void params(@DelegatesTo(ParamsDsl) Closure body) {
        paramsAt = lines.here()
        runWith(new ParamsDsl(spec.params()), body)
        ParamOverrides.apply(spec.params(), paramOverrides, paramsAt.toString())
        paramOverrides = [:]
    }

    /** A read-only view: values are declared in params { } and overridden with --param only. */
    Map<String, Object> getParams() {
        Collections.unmodifiableMap(new ParamsMap(spec.params()))
    }

    void stage(String name, @DelegatesTo(StageDsl) Closure body) {
        def stage = new StageSpec(name, lines.here())
        spec.addStage(stage)
        runWith(new StageDsl(stage, lines), body)
    }

    InputSpec files(Map opts = [:], String pattern) {
        new InputSpec.FileGlob(pattern, opts.optional == true, lines.here())
    }

    InputSpec fileList(String path) {
        new InputSpec.FileListFile(path, lines.here())
    }

    InputSpec outputsOf(String... stages) {
        new InputSpec.UpstreamOutputs(stages.toList(), lines.here())
    }

    StepCall exec(String command) {
        new StepCall('exec', [command: command], lines.here())
    }

    /** {@code convolve(pulses: 'x.csv')} and the like: a call of any registered step. */
    def methodMissing(String name, Object args) {
        def argList = args as Object[]
        if (steps.find(name).present && argList.length <= 1 && (argList.length == 0 || argList[0] instanceof Map)) {
            return new StepCall(name, (Map) PlainValues.of(argList ? (Map) argList[0] : [:]), lines.here())
        }
        throw new FlowDslException("${lines.here()}: unknown directive or step '$name' " +
                "(stage directives: ${StageDsl.DIRECTIVES.join(', ')}; steps: ${steps.names().join(', ')})")
    }

    private static void runWith(Object delegate, Closure body) {
        def code = body.rehydrate(delegate, body.owner, body.thisObject)
        code.resolveStrategy = Closure.DELEGATE_FIRST
        code.call()
    }
}
