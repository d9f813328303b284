package flow

import flow.run.TaskResult
import spock.lang.Specification

import java.nio.file.Files

class ResumeSpec extends Specification implements EngineSupport {
    static final String PIPELINE = '''
        stage('prepare') { inputs files('data/*.txt'); step exec('cat ${inputs} > ${outDir}/copy; [ ! -e ${inputs}.fail ]') }
        stage('combine') { dependsOn 'prepare'; inputs outputsOf('prepare'); step exec('cat ${inputs} > ${outDir}/all') }
    '''

    def setup() {
        ['a', 'b', 'c'].each { data("${it}.txt", it) }
    }

    def "a finished run has nothing to do"() {
        given:
        def (exit, run) = run(PIPELINE)

        expect:
        exit == 0
        assess(run, PIPELINE).values().flatten().every { it.done() }
    }

    def "a failed task runs again with its reason; only it and its dependents run"() {
        given:
        data('b.txt.fail', '')
        def (exit, run) = run(PIPELINE)
        def doneBefore = Files.getLastModifiedTime(run.resultJson('prepare', 0))

        when:
        def verdicts = assess(run, PIPELINE)

        then:
        exit == 1
        verdicts.prepare*.reason() == ['done', 'failed: exit 1', 'done']
        verdicts.combine*.reason() == ['missing']

        when:
        Files.delete(dir.resolve('data/b.txt.fail'))
        def resumed = resume(run, PIPELINE)

        then:
        resumed == 0
        Files.getLastModifiedTime(run.resultJson('prepare', 0)) == doneBefore
        Files.readString(run.outDir('combine', 0).resolve('all')) == 'abc'
    }

    def "a changed input is named, and its consumers run again"() {
        given:
        def (exit, run) = run(PIPELINE)
        Files.writeString(dir.resolve('data/c.txt'), 'C!')

        when:
        def verdicts = assess(run, PIPELINE)

        then:
        verdicts.prepare*.reason() == ['done', 'done', 'input changed: data/c.txt']
        verdicts.combine*.reason() == ['upstream prepare[2] runs again']
    }

    def "a changed step parameter runs the stage again"() {
        given:
        def (exit, run) = run(PIPELINE)

        expect:
        assess(run, PIPELINE.replace('> ${outDir}/all', '> ${outDir}/everything')).combine*.reason() == ['step or parameters changed']
    }

    def "a corrupt or truncated result.json is never taken as DONE"() {
        given:
        def (exit, run) = run(PIPELINE)
        def result = run.resultJson('prepare', 1)
        def text = Files.readString(result)

        when:
        Files.writeString(result, damaged.call(text))

        then:
        assess(run, PIPELINE).prepare[1].reason() == 'result.json unreadable'
        resume(run, PIPELINE) == 0
        TaskResult.read(result).get().succeeded()

        where:
        damaged << [{ String t -> t.substring(0, t.length() / 2 as int) }, { String t -> '' },
                    { String t -> t.replace('"exit"', '"exot"') }]
    }

    def "cleaned outputs are trusted, and regenerated only when a task that runs again needs them"() {
        given:
        def text = PIPELINE.replace("outputsOf('prepare');", "outputsOf('prepare'); cleanup 'prepare';")
        def (exit, run) = run(text)

        expect:
        exit == 0
        !Files.exists(run.outDir('prepare', 0))
        assess(run, text).values().flatten().every { it.done() }

        when:
        Files.delete(run.resultJson('combine', 0))
        def verdicts = assess(run, text)

        then:
        verdicts.prepare*.reason() == ['outputs cleaned, needed by combine[0]'] * 3
        verdicts.combine*.reason() == ['missing']
        resume(run, text) == 0
        Files.readString(run.outDir('combine', 0).resolve('all')) == 'abc'
    }
}
