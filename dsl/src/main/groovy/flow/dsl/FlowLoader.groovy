package flow.dsl

import groovy.transform.CompileStatic

import flow.model.Validator

import flow.model.PipelineSpec
import flow.step.StepRegistry
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.MultipleCompilationErrorsException
import org.codehaus.groovy.control.messages.SyntaxErrorMessage

import java.nio.file.Files
import java.nio.file.Path

/** Evaluates a .flow file into a {@link PipelineSpec}. Every error names the file and line. */
@CompileStatic
class FlowLoader {
    private final StepRegistry steps
    private final CompiledScripts scripts

    FlowLoader(StepRegistry steps, CompiledScripts scripts) {
        this.steps = steps
        this.scripts = scripts
    }

    FlowLoader(StepRegistry steps) {
        this(steps, CompiledScripts.inUserHome())
    }

    /**
     * @param file       the .flow file
     * @param display    how to name the file in messages (the path as the user gave it)
     * @param text       the script text (from the file, or frozen in a run)
     * @param overrides  {@code --param} values, coerced to the declared defaults' types
     * @param launchDir  where relative paths resolve
     */
    PipelineSpec load(Path file, String display, String text, Map<String, String> overrides, Path launchDir) {
        def spec = new PipelineSpec(file, text)
        def compiledName = 'Flow_' + file.fileName.toString().replaceAll('[^A-Za-z0-9_]', '_') + '.groovy'
        def lines = new SourceLines(compiledName, display)
        def config = new CompilerConfiguration()
        config.scriptBaseClass = FlowScript.name
        FlowScript script
        try {
            script = (FlowScript) scripts.load(text, compiledName, config, FlowLoader.classLoader).getDeclaredConstructor().newInstance()
        } catch (MultipleCompilationErrorsException e) {
            throw new FlowDslException(syntaxErrors(e, display))
        }
        script.binding = new Binding()
        script.spec = spec
        script.lines = lines
        script.steps = steps
        script.projectDir = file.toAbsolutePath().normalize().parent.toString()
        script.launchDir = launchDir.toString()
        script.paramOverrides = new LinkedHashMap<>(overrides)
        try {
            script.run()
        } catch (Exception e) {
            throw new FlowDslException(script.errors + messages(e, lines), spec)
        }
        if (script.paramOverrides) {
            script.errors << "$display: --param ${script.paramOverrides.keySet().join(', ')} given, but the pipeline declares no params block".toString()
        }
        if (script.errors) throw new FlowDslException(script.errors, spec)
        spec
    }

    /** What stopped the script (or a stage of it), at its line. */
    static List<String> messages(Exception e, SourceLines lines) {
        if (e instanceof FlowDslException) return e.errors
        // "${outDir}" in double quotes is Groovy's interpolation, done when the file is read
        if (e instanceof MissingPropertyException && e.property != null && Validator.TASK_VARIABLES.contains(e.property)) {
            return ["${lines.of(e)}: \${${e.property}} is filled for each task by flow, not by Groovy: write the ".toString()
                    + "command in single quotes ('... \${${e.property}} ...'), not double quotes"]
        }
        ["${lines.of(e)}: ${e.message?.readLines()?.first() ?: e.class.simpleName}".toString()]
    }

    PipelineSpec load(Path file, Map<String, String> overrides, Path launchDir) {
        if (!Files.isRegularFile(file)) throw new FlowDslException("$file: no such .flow file")
        load(file, file.toString(), Files.readString(file), overrides, launchDir)
    }

    private static List<String> syntaxErrors(MultipleCompilationErrorsException e, String display) {
        e.errorCollector.errors.collect { msg ->
            if (msg instanceof SyntaxErrorMessage) {
                def cause = msg.cause
                "$display:${cause.line}: syntax error: ${cause.originalMessage}".toString()
            } else {
                "$display: ${msg}".toString()
            }
        }
    }
}
