package flow.dsl

import groovy.transform.CompileStatic

import flow.model.InputSpec
import flow.model.PipelineSpec
import flow.model.SourceLocation
import flow.model.StageSpec
import flow.model.StepCall
import flow.step.ParamType
import flow.step.StepParam
import flow.step.StepRegistry

/**
 * Base class of every .flow script: the top-level DSL. Evaluating a script only records what it
 * declares into a {@link PipelineSpec}; nothing runs.
 */
@CompileStatic
abstract class FlowScript extends Script {
    PipelineSpec spec
    SourceLines lines
    StepRegistry steps
    /** The directory holding the .flow file, for paths to files shipped with the pipeline. */
    String projectDir
    /** The directory flow was started from; relative input paths resolve here. */
    String launchDir
    Map<String, String> paramOverrides = [:]
    /**
     * The errors found so far: a wrong --param, a wrong line in a stage (the stage's other lines
     * go on), a stage that stopped; the loader reports them all at the end, not only the first.
     */
    final List<String> errors = []
    private SourceLocation paramsAt
    /** The stage whose block is being read, for the steps' directives written in it. */
    private StageSpec currentStage
    private Map<String, StepParam> directives

    void flow(@DelegatesTo(FlowBlockDsl) Closure body) {
        runWith(new FlowBlockDsl(spec, lines), body)
    }

    void params(@DelegatesTo(ParamsDsl) Closure body) {
        paramsAt = lines.here()
        runWith(new ParamsDsl(spec.params()), body)
        applyOverrides()
    }

    /** {@code params yaml('config.yaml')}: the file's values are the parameters' defaults. */
    void params(Map<String, ?> values) {
        paramsAt = lines.here()
        values.each { name, value -> spec.params().put(name, PlainValues.of(value)) }
        applyOverrides()
    }

    /**
     * {@code yaml('bx.yml')}: a YAML file's names and values (a path relative to the launch
     * directory), typed as YAML says and rendered exactly as written ({@link YamlValues}); for
     * {@code scan} (a list is an axis, a single value a fixed one) and {@code params}.
     */
    Map<String, Object> yaml(String path) {
        YamlValues.load(read(path))
    }

    /** {@code csv('points.csv')}: scan points one per row, the header naming them ({@link CsvPoints}); relative to the launch directory. */
    List<Map<String, Object>> csv(String path) {
        CsvPoints.load(read(path))
    }

    /** A file the pipeline reads its values from: its text is kept with the run. */
    private java.nio.file.Path read(String path) {
        def file = java.nio.file.Path.of(launchDir).resolve(path).normalize()
        if (java.nio.file.Files.isReadable(file)) spec.readFiles().put(file.toString(), java.nio.file.Files.readString(file))
        file
    }

    private void applyOverrides() {
        try {
            ParamOverrides.apply(spec.params(), paramOverrides, paramsAt.toString())
        } catch (FlowDslException e) {
            errors.addAll(e.errors)
        }
        paramOverrides = [:]
    }

    /** A read-only view: values are declared in params { } and overridden with --param only. */
    Map<String, Object> getParams() {
        Collections.unmodifiableMap(new ParamsMap(spec.params()))
    }

    void stage(String name, @DelegatesTo(StageDsl) Closure body) {
        def stage = new StageSpec(name, lines.here())
        spec.addStage(stage)
        currentStage = stage
        try {
            runWith(new StageDsl(stage, lines), body)
        } catch (Exception e) {
            errors.addAll(FlowLoader.messages(e, lines)) // the next stages are read all the same
            stage.markUnread()
        } finally {
            currentStage = null
        }
    }

    InputSpec files(Map opts = [:], String pattern) {
        new InputSpec.FileGlob(pattern, opts.optional == true, lines.here())
    }

    /** {@code glob('xtc/*\/r*\/.done')}: the matching paths, sorted (relative to the launch directory); for discover closures. */
    List<java.nio.file.Path> glob(String pattern) {
        flow.model.InputFiles.glob(pattern, java.nio.file.Path.of(launchDir))
    }

    InputSpec fileList(String path) {
        new InputSpec.FileListFile(path, lines.here())
    }

    /** {@code inputs discover { ... }}: the datasets the closure finds each time the pipeline is planned ({@link Discovery}). */
    InputSpec discover(Closure<?> finder) {
        def at = lines.here()
        new InputSpec.Discovered(new Discovery(finder, at, java.nio.file.Path.of(launchDir)), at)
    }

    InputSpec outputsOf(String... stages) {
        new InputSpec.UpstreamOutputs(stages.toList(), lines.here())
    }

    StepCall exec(String command) {
        new StepCall('exec', [command: command], lines.here())
    }

    /**
     * {@code convolve(pulses: 'x.csv')} and the like: a call of any registered step; in a stage,
     * also a parameter a step declares as a directive ({@code where 'x > 1'}).
     */
    def methodMissing(String name, Object args) {
        def argList = args as Object[]
        if (steps.find(name).present && argList.length <= 1 && (argList.length == 0 || argList[0] instanceof Map)) {
            return new StepCall(name, (Map) PlainValues.of(argList ? (Map) argList[0] : [:]), lines.here())
        }
        StepParam directive = currentStage == null ? null : stepDirectives()[name]
        if (directive != null) {
            addDirective(directive, argList)
            return null
        }
        def known = StageDsl.DIRECTIVES + stepDirectives().keySet() + steps.names()
        fail("unknown directive or step '$name'${flow.util.Suggestions.didYouMean(name, known)} (stage directives: ${StageDsl.DIRECTIVES.join(', ')}; "
                + "step directives: ${stepDirectives().keySet().join(', ')}; steps: ${steps.names().join(', ')})")
        null
    }

    /**
     * A step directive read as a property: Groovy reads {@code nevents -1} (bye_splits' "all
     * entries") as {@code nevents.minus(1)}, so the directive's name stands for itself and its
     * {@code minus} sets the negative value.
     */
    def propertyMissing(String name) {
        // outside a stage, or a task variable in double quotes: the loader says what that means
        if (currentStage == null || flow.model.Validator.TASK_VARIABLES.contains(name)) throw new MissingPropertyException(name, getClass())
        StepParam directive = stepDirectives()[name]
        if (directive == null) {
            def known = StageDsl.DIRECTIVES + stepDirectives().keySet()
            throw new FlowDslException("${lines.here()}: unknown directive or variable '$name'${flow.util.Suggestions.didYouMean(name, known)}")
        }
        new NegatableDirective(this, directive)
    }

    /** {@code nevents -1}: the directive, given a negative number. */
    static final class NegatableDirective {
        private final FlowScript script
        private final StepParam directive

        NegatableDirective(FlowScript script, StepParam directive) {
            this.script = script
            this.directive = directive
        }

        @groovy.transform.CompileDynamic // Groovy's negation of any Number, as the script wrote it
        def minus(Number value) {
            script.addDirective(directive, [-value] as Object[])
            null
        }
    }

    /** The parameters the registered steps let a stage write as directives, by name (the first step's wins); gathered once. */
    private Map<String, StepParam> stepDirectives() {
        if (directives == null) {
            Map<String, StepParam> all = new TreeMap<>() // a local: the closures below run in the script's class, where a private field is out of reach
            steps.names().each { step -> steps.get(step).params().findAll { it.directive() }.each { all.putIfAbsent(it.name(), it) } }
            directives = all
        }
        directives
    }

    /**
     * A list directive appends its arguments (an array or list among them is spread, as in
     * {@code keep(names as String[])}), a map directive merges its entries, any other sets its one value.
     */
    void addDirective(StepParam directive, Object[] args) {
        def values = currentStage.stepDirectives()
        switch (directive.type()) {
            case ParamType.LIST:
                def items = args.collectMany { it instanceof Object[] || it instanceof Collection ? it as List : [it] }
                ((List) values.computeIfAbsent(directive.name()) { [] }).addAll(items.collect { PlainValues.of(it) })
                break
            case ParamType.MAP:
                if (args.length != 1 || !(args[0] instanceof Map)) {
                    fail("${directive.name()} takes name: value pairs")
                    return
                }
                ((Map) values.computeIfAbsent(directive.name()) { [:] }).putAll((Map) PlainValues.of(args[0]))
                break
            default:
                if (args.length != 1) {
                    fail("${directive.name()} takes one value, got ${args.length}")
                    return
                }
                values.put(directive.name(), PlainValues.of(args[0]))
        }
    }

    /** Records an error at the current line; reading goes on. */
    private void fail(String message) {
        errors << "${lines.here()}: $message".toString()
        currentStage?.markUnread()
    }

    private static void runWith(Object delegate, Closure body) {
        def code = body.rehydrate(delegate, body.owner, body.thisObject)
        code.resolveStrategy = Closure.DELEGATE_FIRST
        code.call()
    }
}
