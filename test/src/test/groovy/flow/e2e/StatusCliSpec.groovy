package flow.e2e

import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * What the CLI says of a batch run after and while it runs (issue 19, in part): status, log,
 * cancel and runs, through the real CLI against the HTCondor stand-ins (test/condor/fake).
 */
class StatusCliSpec extends Specification {
    Path launch = CondorStandIns.launchDir('flow status')
    Path fakeHome = Files.createTempDirectory('fake-condor')

    FlowCli flow(Map<String, String> extra = [:]) {
        new FlowCli(launch, CondorStandIns.environment(fakeHome, CondorStandIns.CLASSAD_NOTES, extra))
    }

    Path write(String name, String text) {
        Files.writeString(launch.resolve(name), text.stripIndent())
    }

    def "status lists a failed run's failed tasks with their scheduler logs and exits 1; a task the scheduler ended without a result shows its class"() {
        given:
        def file = write('f.flow', '''
            stage('s') { scan i: [0, 1, 2]; step exec('[ ${i} != 1 ] || { echo boom >&2; exit 5; }; echo ${i} > ${outDir}/x') }
        ''')

        when: 's[1] fails on its own, s[2] is held for disk and removed: it leaves no result.json'
        flow(FAKE_CONDOR_HOLD: 's:2:disk').run('run', file.toString(), '--executor', 'condor', '--run-name', 'f')
        def status = flow().run('status', 'f')
        def stage = flow().run('log', 'f', 's')
        def task = flow().run('log', 'f', 's', '1')

        then:
        status.exit == 1
        status.out.contains('run f (f, condor): failed')
        status.out =~ /(?m)^s\s+3\s+1\s+0\s+2\s+0\s/
        status.out.contains('failed tasks (2):')
        status.out =~ /(?m)^  s\[1\]\s+exit 5\s+.*\/stages\/s\/logs\/s_\d+_1\.err$/
        status.out =~ /(?m)^  s\[2\]\s+held\s/
        stage.out =~ /(?m)^s\[1\]  failed: exit 5 .*  \d+\.\d s  .*\/stages\/s\/logs\/s_\d+_1\.err$/
        stage.out =~ /(?m)^s\[0\]  done  \d+\.\d s  /
        stage.out =~ /(?m)^s\[2\]  failed: held \(no result: the scheduler ended it\)/
        task.out.contains('boom')
    }

    def "a detached run: failed once nothing is left to run; cancel is recorded; cancelling a finished run says so"() {
        given:
        def failing = write('d.flow', "stage('s') { scan i: [0, 1]; step exec('[ \${i} = 0 ] || exit 3; echo ok > \${outDir}/x') }\n")
        def sleeping = write('l.flow', "stage('s') { scan i: [0, 1]; step exec('sleep 30') }\n")

        when:
        flow().run('run', failing.toString(), '--executor', 'condor', '--run-name', 'd', '--detach')
        def status = null
        for (int i = 0; i < 120 && !(status?.exit in [0, 1]); i++) {
            Thread.sleep(250)
            status = flow().run('status', 'd')
        }
        flow().run("run", sleeping.toString(), '--executor', 'condor', '--run-name', 'l', '--detach')
        def cancelled = flow().run('cancel')
        def afterCancel = flow().run('status', 'l')
        def again = flow().run('cancel', 'd')

        then:
        status.exit == 1
        status.out.contains('run d (d, condor): failed')
        cancelled.out.contains('run l: cancelled jobs')
        afterCancel.out.contains('run l (l, condor): cancelled')
        Files.readString(launch.resolve('.flow/runs/l/ledger.jsonl')).contains('"event":"cancelled"')
        again.out.contains('run d: none of its jobs is in the scheduler any more; nothing to cancel')
    }

    def "flow runs lists the newest run first, with its start, executor, counts and state"() {
        given:
        def file = write('r.flow', "stage('s') { step exec('true') }\n")

        when:
        flow().run('run', file.toString(), '--executor', 'condor', '--run-name', 'zz-first')
        Thread.sleep(1100)
        flow().run('run', file.toString(), '--executor', 'condor', '--run-name', 'aa-second')
        def runs = flow().run('runs').out.readLines()

        then:
        runs[0] =~ /^RUN\s+STARTED\s+EXECUTOR\s+PIPELINE\s+DONE\s+FAILED\s+STATE$/
        runs[1] =~ /^aa-second\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+condor\s+r\s+1\/1\s+0\s+done$/
        runs[2].startsWith('zz-first ')
    }
}
