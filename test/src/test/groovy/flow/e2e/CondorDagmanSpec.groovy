package flow.e2e

import flow.run.Ledger
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * What a real HTCondor does that the first stand-ins did not (issue 18), each through the real
 * CLI against the stand-ins of test/condor/fake, which imitate HTCondor's source line by line:
 * DAGMan removing a failed proc's siblings, its filtered environment, its late reading of node
 * submit files, holds with their real codes, removals with their reasons. {@link
 * CondorDagmanLegacyNotesSpec} runs every feature against the pre-25.11 submit events.
 */
class CondorDagmanSpec extends Specification {
    Path launch = CondorStandIns.launchDir('flow dagman')
    Path fakeHome = Files.createTempDirectory('fake-condor')

    String version() {
        CondorStandIns.CLASSAD_NOTES
    }

    FlowCli flow(Map<String, String> extra = [:], Path dir = launch) {
        new FlowCli(dir, CondorStandIns.environment(fakeHome, version(), extra))
    }

    Path write(String name, String text) {
        Files.writeString(launch.resolve(name), text.stripIndent())
    }

    List<Map> ends(String run, String stage) {
        Ledger.read(launch.resolve(".flow/runs/$run/ledger.jsonl")).findAll { it.event == 'task-end' && it.stage == stage }
                .collect { [index: it.index, failure: it.failure, scheduler: it.scheduler] }
    }

    def "one proc that fails leaves its siblings running: 5 of 6 done, none cancelled (DAGMAN_REMOVE_JOB_LIST_ON_FAILURE)"() {
        given:
        def file = write('six.flow', '''
            stage('s') { scan i: [0, 1, 2, 3, 4, 5]; step exec('[ ${i} != 1 ] || exit 7; sleep 1; echo ${i} > ${outDir}/v') }
        ''')

        when:
        def result = flow().run('run', file.toString(), '--executor', 'condor', '--run-name', 'six')
        def byIndex = ends('six', 's').collectEntries { [(it.index): it.failure] }

        then:
        result.exit == 1
        result.out.contains('s[1] failed: exit 7')
        byIndex == [0: null, 1: 'step_error', 2: null, 3: null, 4: null, 5: null]
        !Files.readString(launch.resolve('.flow/runs/six/stages/s/logs/s.events.log')).contains('Node Error')
        Files.readString(launch.resolve('.flow/runs/six/condor/flow.dag.config')).contains('DAGMAN_REMOVE_JOB_LIST_ON_FAILURE = False')
    }

    def "flow alone retries: retry 1 (on step errors) runs a failing task twice, not four times; one that fails once ends the run DONE"() {
        given:
        def marks = Files.createDirectories(launch.resolve('marks'))
        Files.createFile(launch.resolve('once'))
        def file = write('retry.flow', """
            stage('s') {
                scan i: [0, 1]; retry 1, on: ['step_error']
                step exec('echo x >> "${marks}/"\${i}; [ \${i} = 0 ] || exit 3; if [ -e "${launch}/once" ]; then rm "${launch}/once"; exit 4; fi; echo ok > \${outDir}/v')
            }
        """)

        when:
        def result = flow().run('run', file.toString(), '--executor', 'condor', '--run-name', 'r')
        def status = flow().run('status', 'r')

        then: 'task 1 always fails: two runs in all; task 0 failed once, then succeeded'
        result.exit == 1
        Files.readAllLines(marks.resolve('1')).size() == 2
        Files.readAllLines(marks.resolve('0')).size() == 2
        ends('r', 's').findAll { it.index == 0 }*.failure == ['step_error', null]
        !Files.readString(launch.resolve('.flow/runs/r/condor/flow.1.dag')).contains('RETRY')

        when: 'the task that always failed is fixed and the run resumed'
        Files.writeString(file, Files.readString(file).replace('|| exit 3', '|| true'))
        def resumed = flow().run('resume', 'r')

        then: 'the head and status agree: done'
        resumed.exit == 0
        resumed.out.contains('every task DONE')
        flow().run('status', 'r').out.contains('done')
        status.out.contains('failed')
    }

    def "getenv = true under DAGMan gives the job the submitter's environment, not DAGMan's filtered one"() {
        given:
        Files.writeString(launch.resolve('profiles.yaml'), 'profiles:\n  view: { getenv: true }\n')
        def file = write('env.flow', '''
            stage('s') { profile 'view'; step exec('echo "${LCG_VIEW:-unset} ${X509_USER_PROXY:-unset}" > ${outDir}/env.txt') }
        ''')

        when:
        def result = flow(LCG_VIEW: '/cvmfs/sft.cern.ch/lcg/views/LCG_105', X509_USER_PROXY: '/tmp/x509up_u1000')
                .run('run', file.toString(), '--executor', 'condor', '--run-name', 'e')

        then:
        result.exit == 0
        Files.readString(launch.resolve('.flow/runs/e/stages/s/tasks/0/out/env.txt')).trim() == '/cvmfs/sft.cern.ch/lcg/views/LCG_105 /tmp/x509up_u1000'
    }

    def "holds by their codes: disk is not memory, a transient input hold is released, a user hold is waited on"() {
        given:
        def file = write('holds.flow', '''
            stage('s') { scan i: [0, 1, 2]; step exec('echo ${i} > ${outDir}/v') }
        ''')
        def log = launch.resolve('.flow/runs/h/stages/s/logs/s.events.log')

        when: 'the user hold is released by hand once it shows in the event log'
        def head = flow(FAKE_CONDOR_HOLD: 's:0:disk,s:1:input,s:2:user').start('run', file.toString(), '--executor', 'condor', '--run-name', 'h')
        def out = new StringBuilder(), err = new StringBuilder()
        head.consumeProcessOutput(out, err)
        def userHold = null
        for (int i = 0; i < 200 && userHold == null; i++) {
            Thread.sleep(100)
            if (Files.exists(log)) userHold = (Files.readString(log) =~ /012 \((\d+)\.0*(\d+)\.000\)[^\n]*\n[^\n]*condor_hold/).with { it.find() ? "${it.group(1)}.${it.group(2)}" : null }
        }
        Thread.sleep(2000) // the head has seen the hold and waits
        boolean stillRunning = head.alive
        new ProcessBuilder(CondorStandIns.TOOLS.resolve('condor_release').toString(), userHold.toString())
                .tap { environment().putAll(CondorStandIns.environment(fakeHome, version())) }.start().waitFor()
        head.waitFor(120, TimeUnit.SECONDS)
        def byIndex = ends('h', 's').groupBy { it.index }

        then:
        userHold != null
        stillRunning
        head.exitValue() == 1
        byIndex[0]*.failure == ['held'] // disk exceeded: not retried with more memory
        byIndex[0][0].scheduler.contains('code 34 subcode 104') && byIndex[0][0].scheduler.contains('disk exceeded')
        byIndex[1]*.failure == [null]
        byIndex[2]*.failure == [null]
        out.toString().contains('condor_release=1')
        Files.readString(log).contains('Job was released.')
    }

    def "a job past its run time, held (code 47) or removed by CERN's MaxRuntime policy, is a time limit: retried with twice the time"() {
        given:
        Files.writeString(launch.resolve('profiles.yaml'), 'profiles:\n  cern: { time: 1h, flavourFromTime: true }\n')
        def file = write('time.flow', '''
            stage('s') { scan i: [0, 1]; profile 'cern'; retry 1; step exec('echo ${i} > ${outDir}/v') }
        ''')

        when:
        def result = flow(FAKE_CONDOR_HOLD: 's:0:execute,s:1:maxruntime').run('run', file.toString(), '--executor', 'condor', '--run-name', 't')
        def first = Files.readString(launch.resolve('.flow/runs/t/condor/s_a1.sub'))
        def retried = Files.readString(launch.resolve('.flow/runs/t/condor/s_a2_m1t2.sub'))

        then:
        result.exit == 0
        ends('t', 's').findAll { it.index == 0 }*.failure == ['time_limit', null]
        ends('t', 's').findAll { it.index == 1 }*.failure == ['time_limit', null]
        ends('t', 's').find { it.index == 1 }.scheduler.contains('SYSTEM_PERIODIC_REMOVE')
        first.contains('allowed_execute_duration = 3600\n+MaxRuntime = 3600\n')
        first.contains('+JobFlavour = "microcentury"')
        retried.contains('allowed_execute_duration = 7200\n+MaxRuntime = 7200\n')
    }

    def "a stage-in (DAGMan PRE script) that fails is reported as such, with its own words"() {
        given: 'transfer_input_files cannot hold a run directory with a comma'
        def dir = CondorStandIns.launchDir('flow,comma')
        Files.writeString(dir.resolve('profiles.yaml'), 'profiles:\n  nofs: { transferFiles: true }\n')
        Files.writeString(dir.resolve('pre.flow'), "stage('s') { profile 'nofs'; retry 0; step exec('true') }\n")

        when:
        def result = flow([:], dir).run('run', 'pre.flow', '--executor', 'condor', '--run-name', 'p')

        then:
        result.exit == 1
        result.out.contains('s[0] failed: transfer_failure (stage-in failed: PRE Script of Node s_a1 failed with status ')
        result.out.contains("has a ',' in its path")
    }

    def "under /tmp DAGMan refuses the DAG (its node log may not be there): the run says DAGMan's reason"() {
        given:
        def dir = Files.createTempDirectory('flow-in-tmp')
        Files.writeString(dir.resolve('x.flow'), "stage('s') { step exec('true') }\n")

        when:
        def result = flow([:], dir).run('run', 'x.flow', '--executor', 'condor', '--run-name', 'x')

        then:
        result.exit == 1
        result.out.contains('s[0] failed: submit_failure (DAGMan ended (exit 1) before submitting it: Warning: default node log file ')
        result.out.contains('is in /tmp; ERROR: Warning is fatal error because of DAGMAN_USE_STRICT setting')
    }

    def "a task whose result says it succeeded stays DONE though HTCondor held its proc afterwards"() {
        given:
        def file = write('after.flow', "stage('s') { scan i: [0, 1]; step exec('echo \${i} > \${outDir}/v') }\n")

        when:
        def result = flow(FAKE_CONDOR_HOLD: 's:0:output').run('run', file.toString(), '--executor', 'condor', '--run-name', 'a')

        then:
        result.exit == 0
        result.out.contains('every task DONE')
        ends('a', 's')*.failure == [null, null]
        Files.readString(launch.resolve('.flow/runs/a/stages/s/logs/s.events.log')).contains('Code 12 Subcode 0')
    }

    def "stages a.b and a_b are two DAG nodes, and both run"() {
        given:
        def file = write('names.flow', "stage('a.b') { step exec('echo 1 > \${outDir}/v') }\nstage('a_b') { step exec('echo 2 > \${outDir}/v') }\n")

        when:
        def result = flow().run('run', file.toString(), '--executor', 'condor', '--run-name', 'n')

        then:
        result.exit == 0
        Files.readString(launch.resolve('.flow/runs/n/stages/a.b/tasks/0/out/v')).trim() == '1'
        Files.readString(launch.resolve('.flow/runs/n/stages/a_b/tasks/0/out/v')).trim() == '2'
        Files.readString(launch.resolve('.flow/runs/n/condor/flow.1.dag')).readLines().findAll { it.startsWith('JOB ') }.size() == 2
    }

    def "SLURM's own resources are refused on HTCondor; an account becomes the accounting group"() {
        given:
        Files.writeString(launch.resolve('profiles.yaml'), 'profiles:\n  gpu: { gres: "gpu:1", partition: ampere }\n  acct: { account: group_u_X.alice, cpus: 2, memPerCpu: 3g }\n')
        def refused = write('gres.flow', "stage('s') { profile 'gpu'; step exec('true') }\n")
        def accounted = write('acct.flow', "stage('s') { profile 'acct'; step exec('true') }\n")

        when:
        def bad = flow().run('run', refused.toString(), '--executor', 'condor', '--run-name', 'g')
        def good = flow().run('run', accounted.toString(), '--executor', 'condor', '--run-name', 'c', '--mem-per-cpu', '4g')
        def sub = Files.readString(launch.resolve('.flow/runs/c/condor/s_a1.sub'))

        then:
        bad.exit == 2
        bad.err.contains("stage s: 'gres' is a SLURM resource, which HTCondor has no counterpart for")
        bad.err.contains("stage s: 'partition' is a SLURM resource")
        !Files.exists(launch.resolve('.flow/runs/g'))
        good.exit == 0
        sub.contains('accounting_group = group_u_X.alice\naccounting_group_user = ')
        sub.contains('request_memory = 8192M\n')
    }

    def "a detached run: status sees its jobs running, cancel removes DAGMan and the node's cluster"() {
        given:
        def file = write('long.flow', "stage('s') { scan i: [1, 2, 3]; step exec('sleep 30') }\n")

        when:
        def submitted = flow().run('run', file.toString(), '--executor', 'condor', '--run-name', 'l', '--detach')
        def status = null
        for (int i = 0; i < 60 && !(status?.out =~ /(?m)^s\s+3\s+0\s+[12]\s/); i++) {
            Thread.sleep(250)
            status = flow().run('status', 'l')
        }
        def cancelled = flow().run('cancel', 'l')
        def removed = Files.list(fakeHome.resolve('removed')).withCloseable { it.map { it.fileName.toString() }.toList() }
        def dagman = Files.readString(launch.resolve('.flow/runs/l/condor/dags.tsv')).split('\t')[1]
        def node = (Files.readString(launch.resolve('.flow/runs/l/condor/flow.1.dag.jobstate.log')) =~ /s_a1 SUBMIT (\d+)\.0/).with { it.find(); it.group(1) }

        then:
        submitted.exit == 0
        status.out =~ /(?m)^s\s+3\s+0\s+[12]\s/
        cancelled.exit == 0
        removed.containsAll([dagman, node])
    }

    def "--no-dag with a throttle: a cancelled cluster's procs never materialised end cancelled (event 036), nothing waits on them"() {
        given:
        def file = write('throttled.flow', "stage('s') { scan i: [1, 2, 3, 4, 5]; throttle 1; step exec('sleep 30') }\n")
        def log = launch.resolve('.flow/runs/m/stages/s/logs/s.events.log')

        when:
        def head = flow().start('run', file.toString(), '--executor', 'condor', '--no-dag', '--run-name', 'm')
        head.consumeProcessOutput(new StringBuilder(), new StringBuilder())
        for (int i = 0; i < 200 && !(Files.exists(log) && Files.readString(log).contains('Job executing')); i++) Thread.sleep(100)
        def cancelled = flow().run('cancel', 'm')
        boolean ended = head.waitFor(60, TimeUnit.SECONDS)

        then:
        cancelled.exit == 0
        ended
        head.exitValue() == 1
        Files.readString(log).contains('Cluster removed')
        Files.readString(log).contains('Incomplete')
        ends('m', 's')*.failure == ['cancelled'] * 5
    }
}
