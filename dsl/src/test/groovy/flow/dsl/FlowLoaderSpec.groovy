package flow.dsl

import flow.model.FailureClass
import flow.model.InputSpec
import flow.model.StageSpec
import spock.lang.Specification

class FlowLoaderSpec extends Specification implements DslSpecSupport {

    def "a pipeline with every directive is read into the model"() {
        when:
        def spec = load('''
            flow { name 'demo'; executor 'local'; profile 'small' }
            params { source = 'data/*.txt'; threshold = 5 }
            stage('prepare') {
                inputs files(params.source)
                group 2
                throttle 10
                step probe(label: 'x', count: 3)
                outputs '*.txt', 'log'
                retry 2, on: ['step_error', 'node_failure']
            }
            stage('scan') {
                scan threshold: [1, 2, 3], mode: ['a', 'b']
                step 'probe', label: 'y'
                cpus 4
                memory '2g'
            }
            stage('combine') {
                dependsOn 'prepare', 'scan'
                inputs outputsOf('prepare')
                step probe(label: 'z')
                cleanup 'prepare'
            }
        ''')

        then:
        spec.name() == 'demo'
        spec.profile() == 'small'
        spec.params() == [source: 'data/*.txt', threshold: 5]
        spec.stages().keySet().toList() == ['prepare', 'scan', 'combine']

        def prepare = spec.stage('prepare')
        prepare.at().line() == 4
        (prepare.inputs() as InputSpec.FileGlob).pattern() == 'data/*.txt'
        prepare.effectiveGroup() == 2
        prepare.throttle() == 10
        prepare.step().name() == 'probe'
        prepare.step().params() == [label: 'x', count: 3]
        prepare.step().at().line() == 8
        prepare.outputs() == ['*.txt', 'log']
        prepare.retry().maxRetries() == 2
        prepare.retry().on() == [FailureClass.STEP_ERROR, FailureClass.NODE_FAILURE] as Set

        def scan = spec.stage('scan')
        scan.scan() == [threshold: [1, 2, 3], mode: ['a', 'b']]
        scan.resources() == [cpus: 4, memory: '2g']
        scan.retry().maxRetries() == 0

        def combine = spec.stage('combine')
        combine.dependencyNames() == ['prepare', 'scan']
        (combine.inputs() as InputSpec.UpstreamOutputs).stages() == ['prepare']
        combine.effectiveGroup() == StageSpec.GROUP_ALL
        combine.cleanup()*.name() == ['prepare']
        combine.cleanup()[0].at().line() == 22
    }

    def "--param values are coerced to the type of the declared default"() {
        when:
        def spec = load('''
            params { n = 5; x = 0.5; on = false; name = 'a'; list = [1, 2] }
            stage('s') { step probe(label: "${params.n}") }
        ''', [n: '7', x: '1.25', on: 'true', name: 'b c', list: '3,4'])

        then:
        spec.params() == [n: 7, x: 1.25G, on: true, name: 'b c', list: [3, 4]]
        spec.params().n instanceof Integer
        spec.stage('s').step().params().label == '7'
    }

    def "a --param of the wrong type or of no declared parameter names the params block"() {
        when:
        load('''
            // parameters
            params { n = 5 }
        ''', overrides)

        then:
        def e = thrown(FlowDslException)
        e.message == "${where(3)} ${message}".toString()

        where:
        overrides       | message
        [n: 'five']     | '--param n=five: expected an integer'
        [other: '1']    | "unknown parameter 'other' given with --param or --params-file (declared: n)"
    }

    def "reading an undeclared parameter is an error at its line"() {
        when:
        load('''
            params { n = 5 }
            stage('s') { step probe(label: params.typo) }
        ''')

        then:
        def e = thrown(FlowDslException)
        e.message.startsWith("${where(3)} unknown parameter params.typo (declared: n)")
    }

    def "a Groovy syntax error is reported with the .flow file and line, not a stack trace"() {
        when:
        load('''
            stage('a') {
                step probe(label: 'x'
            }
        ''')

        then:
        def e = thrown(FlowDslException)
        e.message.startsWith(where(4).toString())
        e.message.contains('syntax error')
        !e.message.contains('at org.codehaus')
    }

    def "an unknown directive is reported with its line and the directives that exist"() {
        when:
        load('''
            stage('a') {
                step probe(label: 'x')
                grop 2
            }
        ''')

        then:
        def e = thrown(FlowDslException)
        e.message.startsWith("${where(4)} unknown directive or step 'grop'")
        e.message.contains('group')
    }

    def "an unknown failure class in retry is reported at its line"() {
        when:
        load('''
            stage('a') {
                step probe(label: 'x')
                retry 1, on: 'oom'
            }
        ''')

        then:
        def e = thrown(FlowDslException)
        e.message.startsWith("${where(4)} unknown failure class 'oom'")
    }
}
