package flow.steps.skim

import flow.dsl.FlowDslException
import flow.dsl.FlowLoader
import flow.model.Validator
import flow.profile.Profiles
import flow.step.StepRegistry
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/** The skim's define, where, keep and nevents: parameters the step declares as stage directives, not words of the stage DSL. */
class SkimDirectivesSpec extends Specification {
    Path dir = Files.createTempDirectory('skim-directives')
    StepRegistry steps = StepRegistry.load()

    def load(String stage) {
        def file = dir.resolve('s.flow')
        Files.writeString(file, "stage('s') {\n$stage\n}\n")
        new FlowLoader(steps).load(file, [:], dir)
    }

    List<String> errors(String stage) {
        new Validator(steps, Profiles.load(dir), dir, ['local'] as Set).validate(load(stage))
    }

    def "the directives become the step's parameters: lists append (arrays spread), maps merge, a value is set"() {
        when:
        def params = load('''
            step skim(tree: 'Events')
            define a: 'x * 2'
            define b: 'a + 1'
            where 'a > 1'
            where 'b < 9'
            keep 'event'
            keep(['a', 'b'] as String[])
            nevents 1000''').stages().s.step().params()

        then:
        params == [tree: 'Events', define: [a: 'x * 2', b: 'a + 1'], where: ['a > 1', 'b < 9'], keep: ['event', 'a', 'b'], nevents: 1000]
    }

    def "nevents -1 reads every entry; 0 or below -1 is an error naming the line of the step"() {
        expect:
        errors("step skim(tree: 'Events')\nkeep 'event'\nnevents(-1)") == []
        errors("step skim(tree: 'Events')\nkeep 'event'\nnevents 0") == ["${dir.resolve('s.flow')}:2: nevents must be -1 (every entry) or at least 1, got 0".toString()]
    }

    def "a directive of a step the stage does not run is an unknown parameter of its step"() {
        expect:
        errors("step exec('true')\nwhere 'a > 1'").any { it.contains("unknown parameter 'where' for step 'exec'") }
    }

    def "a word no stage nor step declares is an error listing the stage's and the steps' directives"() {
        when:
        load("step exec('true')\nwehre 'a > 1'")

        then:
        def e = thrown(FlowDslException)
        e.message.contains("unknown directive or step 'wehre'")
        e.message.contains('step directives: define, keep, nevents, remoteInputs, shell, where')
    }
}
