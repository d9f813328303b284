package flow

import flow.run.Ledger
import flow.run.TaskResult
import spock.lang.Specification

import java.nio.file.Files

class LocalExecutorSpec extends Specification implements EngineSupport {

    def "tasks run, outputs are renamed into place and every result says DONE"() {
        given:
        data('a.txt', '1\n2\n')
        data('b.txt', '1\n')

        when:
        def (exit, run) = run('''
            stage('count') { inputs files('data/*.txt'); step exec('wc -l < ${inputs} > ${outDir}/n.txt'); outputs 'n.txt' }
            stage('sum') { dependsOn 'count'; inputs outputsOf('count'); step exec('cat ${inputs} > ${outDir}/sum.txt') }
        ''')

        then:
        exit == 0
        Files.readAllLines(run.outDir('sum', 0).resolve('sum.txt'))*.trim() == ['2', '1']
        def result = TaskResult.read(run.resultJson('sum', 0)).get()
        result.succeeded()
        result.upstream()*.index() == [0, 1]
        result.outputs()*.path() == ['sum.txt']
        !Files.list(run.taskDir('count', 0)).anyMatch { it.fileName.toString().startsWith('out.tmp') }
    }

    def "file names with spaces, quotes and ';' reach the command intact"() {
        given:
        def names = ['with space.txt', "it's.txt", 'semi;colon.txt', 'dq"uote.txt', 'dollar$HOME.txt']
        names.each { data(it, it) }

        when:
        def (exit, run) = run('''
            stage('copy') { inputs files('data/*'); group 'all'; step exec('cp ${inputs} ${outDir}/ && ls ${outDir} > ${taskDir}/listing') }
        ''')

        then:
        exit == 0
        Files.list(run.outDir('copy', 0)).collect { it.fileName.toString() }.sort() == names.sort()
        names.every { Files.readString(run.outDir('copy', 0).resolve(it)) == it }
    }

    def "a stage's throttle bounds its tasks at once"() {
        when:
        def (exit, run) = run('''
            stage('s') {
                scan i: (1..6).toList()
                throttle 2
                step exec('echo start $(date +%s%N) >> ${taskDir}/../../times; sleep 0.3; echo end $(date +%s%N) >> ${taskDir}/../../times')
            }
        ''', 6)

        then:
        exit == 0
        maxOverlap(Files.readAllLines(run.stageDir('s').resolve('times'))) == 2
    }

    def "a failed stage stops its dependents, other branches go on, and the exit says failed"() {
        when:
        def (exit, run) = run('''
            stage('bad') { scan i: [1, 2]; step exec('[ ${i} = 1 ] || exit 3; touch ${outDir}/ok') }
            stage('after') { dependsOn 'bad'; step exec('true') }
            stage('other') { step exec('touch ${outDir}/fine') }
        ''')

        then:
        exit == 1
        TaskResult.read(run.resultJson('bad', 1)).get().failureLabel() == 'exit 3'
        TaskResult.read(run.resultJson('bad', 0)).get().succeeded()
        !Files.exists(run.taskDir('after', 0))
        TaskResult.read(run.resultJson('other', 0)).get().succeeded()
        output().contains('bad[1] failed: exit 3')
    }

    def "fail-fast starts nothing after the first failure"() {
        when:
        def (exit, run) = run('''
            stage('bad') { step exec('exit 1') }
            stage('later') { dependsOn 'bad'; step exec('true') }
            stage('other') { scan i: (1..4).toList(); step exec('sleep 0.2') }
        ''', 1, true)

        then:
        exit == 1
        (0..3).count { Files.exists(run.resultJson('other', it)) } < 4
    }

    def "a step error is not retried blindly, but is when the policy names it"() {
        given:
        def flaky = { String policy -> """
            stage('flaky') {
                step exec('n=\$(cat ${dir}/count 2>/dev/null || echo 0); echo \$((n+1)) > ${dir}/count; [ \$n -ge 1 ]')
                $policy
            }
        """ }

        when:
        def (exitDefault, runDefault) = run(flaky('retry 3'))

        then:
        exitDefault == 1
        Files.readString(dir.resolve('count')).trim() == '1'

        when:
        Files.delete(dir.resolve('count'))
        dir.resolve('.flow').toFile().deleteDir()
        def (exitNamed, runNamed) = run(flaky("retry 3, on: 'step_error'"))

        then:
        exitNamed == 0
        Files.readString(dir.resolve('count')).trim() == '2'
        Ledger.read(runNamed.ledger()).count { it.event == 'retry' && it.failure == 'step_error' } == 1
        TaskResult.read(runNamed.resultJson('flaky', 0)).get().attempt() == 2
    }

    def "declared outputs must exist for a task to be DONE"() {
        when:
        def (exit, run) = run('''
            stage('s') { step exec('touch ${outDir}/other'); outputs '*.root' }
        ''')

        then:
        exit == 1
        def result = TaskResult.read(run.resultJson('s', 0)).get()
        result.exit() == 0
        !result.succeeded()
        result.failureLabel() == 'missing_outputs'
        !Files.exists(run.outDir('s', 0))
        Files.exists(run.taskDir('s', 0).resolve('out.partial/other'))
    }

    def "a cleanup hook runs after every dependent succeeded, and is skipped and reported when one failed"() {
        given:
        def text = { String combineCommand -> """
            stage('prepare') { scan i: [1, 2]; step exec('echo \${i} > \${outDir}/x') }
            stage('combine') { dependsOn 'prepare'; inputs outputsOf('prepare'); step exec('$combineCommand'); cleanup 'prepare' }
        """ }

        when:
        def (okExit, okRun) = run(text('cat ${inputs} > ${outDir}/all'))

        then:
        okExit == 0
        !Files.exists(okRun.outDir('prepare', 0))
        TaskResult.read(okRun.resultJson('prepare', 0)).get().succeeded()
        Ledger.read(okRun.ledger()).any { it.event == 'cleanup' && it.stage == 'prepare' }

        when:
        dir.resolve('.flow').toFile().deleteDir()
        printed.reset()
        def (badExit, badRun) = run(text('exit 4'))

        then:
        badExit == 1
        Files.exists(badRun.outDir('prepare', 0).resolve('x'))
        output().contains('cleanup of prepare skipped: combine did not succeed')
        Ledger.read(badRun.ledger()).any { it.event == 'cleanup-skipped' && it.stage == 'prepare' }
    }

    private static int maxOverlap(List<String> lines) {
        int now = 0, max = 0
        lines.collect { it.split(' ') }.sort { it[1] as BigInteger }.each { now += it[0] == 'start' ? 1 : -1; max = Math.max(max, now) }
        max
    }
}
