package flow.dsl

import flow.model.PipelineSpec
import flow.model.Validator
import flow.profile.Profiles
import flow.step.StepRegistry

import java.nio.file.Files
import java.nio.file.Path

/** Writes a .flow text into a temporary directory, loads it and validates it. */
trait DslSpecSupport {
    Path dir = Files.createTempDirectory('flow-dsl-spec')

    PipelineSpec load(String text, Map<String, String> overrides = [:]) {
        def file = dir.resolve('test.flow')
        Files.writeString(file, text.stripIndent())
        new FlowLoader(StepRegistry.load()).load(file, overrides, dir)
    }

    List<String> errors(String text) {
        new Validator(StepRegistry.load(), Profiles.load(dir), dir, ['local', 'slurm', 'condor'] as Set).validate(load(text))
    }

    String where(int line) {
        "${dir.resolve('test.flow')}:$line:"
    }
}
