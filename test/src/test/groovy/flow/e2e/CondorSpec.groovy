package flow.e2e

import flow.run.Ledger
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * The HTCondor executor end to end. HTCondor cannot be installed here: test/condor/fake holds
 * stand-ins for condor_submit_dag and condor_rm that follow shared/htcondor/FORMATS.md, refuse
 * submit files outside its grammar, and run the DAG on this machine writing real event-log
 * records (a memory hold on request, abnormal terminations). They stand in for HTCondor; the
 * executor runs the same code where the real condor_* commands are on PATH.
 */
class CondorSpec extends Specification {
    Path launch = CondorStandIns.launchDir('flow condor')
    Path fakeHome = Files.createTempDirectory('fake-condor')

    /** The HTCondor version the stand-ins imitate; {@link CondorLegacyNotesSpec} runs every feature with the other. */
    String version() {
        CondorStandIns.CLASSAD_NOTES
    }

    FlowCli flow(Map<String, String> extra = [:]) {
        new FlowCli(launch, CondorStandIns.environment(fakeHome, version(), extra))
    }

    Path write(String name, String text) {
        Files.writeString(launch.resolve(name), text.stripIndent())
    }

    /** The run's trace.tsv, a map per attempt. */
    List<Map<String, String>> trace(Path run) {
        def lines = Files.readAllLines(run.resolve('trace.tsv'))
        def header = lines[0].split('\t')
        lines.drop(1).collect { line -> [header, line.split('\t', -1)].transpose().collectEntries() }
    }

    static final String PIPELINE = '''
        params { flags = 'FLAGS' }
        stage('prepare') {
            scan i: [0, 1, 2, 3]; throttle 2; retry 2
            step exec('[ ! -e ${params.flags}/kill.${i} ] || kill -KILL $PPID; echo ${i} > ${outDir}/v.txt')
            outputs 'v.txt'
        }
        stage('twin') { dependsOn 'prepare'; inputs outputsOf('prepare'); group 1; step exec('cat ${inputs} > ${outDir}/t.txt') }
        stage('combine') { dependsOn 'twin'; inputs outputsOf('twin'); step exec('cat ${inputs} > ${outDir}/all.txt'); cleanup 'twin' }
    '''

    def "a held proc (memory exceeded) is removed, classified and retried with twice the memory"() {
        given:
        def file = write('hold.flow', PIPELINE.replace('FLAGS', launch.toString()))
        def run = launch.resolve('.flow/runs/h')

        when:
        def result = flow(FAKE_CONDOR_HOLD: 'prepare:2').run('run', file.toString(), '--executor', 'condor', '--run-name', 'h')
        def ends = Ledger.read(run.resolve('ledger.jsonl')).findAll { it.event == 'task-end' && it.stage == 'prepare' && it.index == 2 }

        then:
        result.exit == 0
        result.out.contains('prepare[2] failed: out_of_memory (held: Job has gone over cgroup memory limit of 1024 megabytes.')
        result.out.contains('every task DONE')
        ends*.failure == ['out_of_memory', null]
        ends[0].scheduler.contains('code 34 subcode 102')
        Files.readString(run.resolve('condor/prepare_a1.sub')).contains('request_memory = 1024M')
        Files.readString(run.resolve('condor/prepare_a2_m2t1.sub')).contains('request_memory = 2048M')
        Files.readAllLines(run.resolve('condor/prepare_a2_m2t1.items')) == ['2']
        Files.readAllLines(run.resolve('stages/combine/tasks/0/out/all.txt')) == ['0', '1', '2', '3']
        Files.exists(run.resolve('stages/twin/cleanup.json'))

        and: 'the trace has what each attempt asked for, and the usage the hold names for the one killed'
        def attempts = trace(run).findAll { it.task == 'prepare[2]' }
        attempts*.requested_mb == ['1024', '2048']
        attempts[0].peak_rss_mb == '1824' // "Last measured usage: 1824 megabytes"
        attempts[0].node == '127.0.0.1'
    }

    def "an abnormal termination fails the run; resume goes through DAGMan's rescue DAG, DONE procs doing nothing"() {
        given:
        def file = write('signal.flow', PIPELINE.replace('FLAGS', launch.toString()))
        def kill = Files.createFile(launch.resolve('kill.1'))
        def run = launch.resolve('.flow/runs/s')

        when:
        def first = flow(FAKE_CONDOR_SNAPSHOT_SECONDS: '0.2').run('run', file.toString(), '--executor', 'condor', '--run-name', 's')
        def killed = trace(run).find { it.task == 'prepare[1]' }

        then:
        first.exit == 1
        first.out.contains('prepare[1] failed: exit 137 (terminated by signal 9)')

        and: 'the task wrote no result, yet its terminate event told its node, times, CPU and memory'
        !Files.exists(run.resolve('stages/prepare/tasks/1/result.json'))
        killed.subMap(['state', 'exit', 'node']) == [state: 'failed', exit: '137', node: '127.0.0.1']
        killed.start && killed.end
        killed.cpu ==~ /\d+\.000/ // HTCondor counts CPU in whole seconds
        (killed.peak_rss_mb as int) >= 20 // the task wrapper's JVM, until the step killed it
        first.out =~ /: 0\/\d+ done, \d+ blocked/
        Files.readString(run.resolve('stages/prepare/logs/prepare.events.log')) =~ /\(0\) Abnormal termination \(signal 9\)/
        Files.exists(run.resolve('condor/flow.1.dag.rescue001'))

        when:
        Files.delete(kill)
        def resumed = flow().run('resume', 's')
        def prepareLogs = Files.list(run.resolve('stages/prepare/logs')).toList().findAll { it.toString().endsWith('.out') }.collect { Files.readString(it) }

        then:
        resumed.exit == 0
        resumed.out.contains('resubmitted the last submission as the scheduler resumes it')
        !Files.exists(run.resolve('condor/flow.2.dag'))
        Files.readAllLines(run.resolve('condor/dags.tsv')).count { it.startsWith(run.resolve('condor/flow.1.dag').toString() + '\t') } == 2
        prepareLogs.count { it.contains('prepare[0] is still DONE') } == 1
        prepareLogs.count { it.contains('prepare[1] is still DONE') } == 0
        Files.readAllLines(run.resolve('stages/combine/tasks/0/out/all.txt')) == ['0', '1', '2', '3']
    }

    def "when the pipeline changed, resume renders a new DAG of only the tasks that are not DONE"() {
        given:
        def file = write('edit.flow', PIPELINE.replace('FLAGS', launch.toString()))
        def kill = Files.createFile(launch.resolve('kill.1'))
        def run = launch.resolve('.flow/runs/e')
        flow().run('run', file.toString(), '--executor', 'condor', '--run-name', 'e')

        when:
        Files.delete(kill)
        write('edit.flow', PIPELINE.replace('FLAGS', launch.toString()).replace('> ${outDir}/all.txt', '| sort > ${outDir}/all.txt'))
        def resumed = flow().run('resume', 'e')
        def dag = Files.readString(run.resolve('condor/flow.2.dag'))

        then:
        resumed.exit == 0
        Files.readAllLines(run.resolve('condor/prepare_a2.items')) == ['1']
        Files.readAllLines(run.resolve('condor/twin_a2.items')) == ['0', '1', '2', '3']
        dag.contains('PARENT prepare_a2 CHILD twin_a2')
        Files.readAllLines(run.resolve('stages/combine/tasks/0/out/all.txt')) == ['0', '1', '2', '3']
    }

    def "a submit file outside the grammar is refused when DAGMan submits its node, and the run says so with DAGMan's message"() {
        given: 'condor_submit_dag reads only the DAG; DAGMan reads a node submit file when the node is due'
        Files.writeString(launch.resolve('profiles.yaml'), "profiles:\n  site:\n    condor: ['this is not a submit command']\n")
        def file = write('bad.flow', "stage('s') { step exec('true'); profile 'site' }\nstage('t') { dependsOn 's'; step exec('true') }\n")

        when: 'DAGMan tries twice (DAGMAN_MAX_SUBMIT_ATTEMPTS, from the environment as HTCondor reads _CONDOR_ variables)'
        def result = flow(_CONDOR_DAGMAN_MAX_SUBMIT_ATTEMPTS: '2').run('run', file.toString(), '--executor', 'condor', '--run-name', 'b')
        def ends = Ledger.read(launch.resolve('.flow/runs/b/ledger.jsonl')).findAll { it.event == 'task-end' }

        then:
        result.exit == 1
        result.out.contains("s[0] failed: submit_failure (DAGMan could not submit it: ERROR: ")
        result.out.contains("expected 'command = value', got: this is not a submit command")
        result.out.contains('Node submit failed after 2 tries.')
        ends*.failure == ['submit_failure', 'dependency_never_satisfied']
    }

    def "with --no-dag the head submits each stage with condor_submit -terse once its parents succeeded"() {
        given:
        def file = write('nodag.flow', PIPELINE.replace('FLAGS', launch.toString()))
        def run = launch.resolve('.flow/runs/n')

        when:
        def result = flow(FAKE_CONDOR_HOLD: 'prepare:2').run('run', file.toString(), '--executor', 'condor', '--no-dag', '--run-name', 'n')
        def clusters = Files.readAllLines(run.resolve('condor/clusters.tsv'))*.split('\t')*.getAt(0)

        then:
        result.exit == 0
        result.out.contains('scheduler commands: {condor_rm=1, condor_submit=5}')
        clusters == ['prepare_a1', 'prepare_a2_m2t1', 'twin_a2', 'combine_a2', 'cleanup-twin_a2']
        !Files.list(run.resolve('condor')).anyMatch { it.fileName.toString().endsWith('.dag') }
        Files.readAllLines(run.resolve('stages/combine/tasks/0/out/all.txt')) == ['0', '1', '2', '3']
    }

    def "when a stage's event log is not written, the schedd cross-check (condor_q, then condor_history) settles its procs"() {
        given:
        def file = write('lost.flow', PIPELINE.replace("FLAGS", launch.toString())
                .replace('echo ${i} > ${outDir}/v.txt', 'echo ${i} > ${outDir}/v.txt; [ ${i} != 3 ] || exit 3'))
        def run = launch.resolve('.flow/runs/q')

        when:
        def result = flow(FAKE_CONDOR_LOSE_LOG: 'prepare', FLOW_CONDOR_CROSS_CHECK: '1')
                .run('run', file.toString(), '--executor', 'condor', '--no-dag', '--run-name', 'q')
        def prepareLog = Files.readString(run.resolve('stages/prepare/logs/prepare.events.log'))

        then: 'the log holds only submit records, yet every proc ended as the schedd says'
        !prepareLog.contains('005 (')
        result.exit == 1
        result.out.contains('prepare[3] failed: exit 3 (terminated (return value 3))')
        result.out =~ /scheduler commands: \{condor_history=\d+, condor_q=\d+, condor_submit=1\}/
        Files.readString(run.resolve('stages/prepare/tasks/2/out/v.txt')).strip() == '2'
    }

    def "without a shared filesystem each job runs in its sandbox: inputs sent by name, results sent back to the run"() {
        given:
        Files.writeString(launch.resolve('profiles.yaml'), "profiles:\n  nofs:\n    transferFiles: true\n")
        ['a', 'b'].each { Files.createDirectories(launch.resolve(it)); Files.writeString(launch.resolve(it).resolve('x.txt'), it) }
        def file = write('nofs.flow', '''
            stage('prepare') { scan i: [0, 1, 2]; profile 'nofs'; step exec('echo "${i} $(pwd)" > ${outDir}/v${i}.txt') }
            stage('combine') {
                dependsOn 'prepare'; inputs outputsOf('prepare'); profile 'nofs'
                step exec('cut -d" " -f1 ${inputs} > ${outDir}/all.txt; pwd > ${outDir}/where.txt'); cleanup 'prepare'
            }
            stage('clash') { inputs(['a/x.txt', 'b/x.txt']); group 'all'; profile 'nofs'; step exec('true') }
        ''')
        def run = launch.resolve('.flow/runs/x')

        when:
        def result = flow().run('run', file.toString(), '--executor', 'condor', '--run-name', 'x')
        def combineSub = Files.readString(run.resolve('condor/combine_a1.sub'))

        then: 'the tasks ran in scratch directories, not in the run, and their results came back'
        Files.readAllLines(run.resolve('stages/combine/tasks/0/out/all.txt')) == ['0', '1', '2']
        Files.readString(run.resolve('stages/combine/tasks/0/out/where.txt')).startsWith(fakeHome.resolve('scratch-').toString())
        Files.readString(run.resolve('condor/prepare_a1.sandbox')).readLines().size() == 3
        combineSub.contains('transfer_output_remaps = "out = ' + run.resolve('stages/combine/tasks') + '/$(task)/out; ')
        combineSub.contains('queue task,files from combine_a1.sandbox')
        Files.readString(run.resolve('condor/flow.1.dag')).contains('SCRIPT PRE combine_a1 combine_a1.pre.sh')

        and: 'the cleanup ran where the run directory is'
        Files.readString(run.resolve('condor/cleanup-prepare_a1.sub')).contains('universe = local')
        Files.exists(run.resolve('stages/prepare/cleanup.json'))

        and: 'inputs that would arrive under one name fail their task, naming the file; a failed task sends back no out/'
        result.exit == 1
        result.out.contains('clash[0] failed: input_missing')
        result.out.contains('share the name x.txt')
        !Files.exists(run.resolve('stages/clash/tasks/0/out'))
        Files.readString(run.resolve('condor/clash_a1.sub')).contains('when_to_transfer_output = ON_SUCCESS\nsuccess_exit_code = 0\n')
    }

    def "--no-dag needs the head to stay"() {
        expect:
        with(flow().run('run', write('x.flow', "stage('s') { step exec('true') }\n").toString(), '--executor', 'condor', '--no-dag', '--detach')) {
            exit == 2
            err.contains('--no-dag chains stages from the head, which must stay: drop --detach')
        }
    }

    def "with --detach the head exits, and status reads the event logs later"() {
        given:
        def file = write('detach.flow', "stage('s') { scan i: [1, 2, 3]; step exec('sleep 1; echo \${i} > \${outDir}/x') }\n")

        when:
        def submit = flow().run('run', file.toString(), '--executor', 'condor', '--run-name', 'd', '--detach')
        def status = null
        for (int i = 0; i < 120 && !(status?.out?.contains(': done')); i++) {
            Thread.sleep(500)
            status = flow().run('status', 'd')
        }

        then:
        submit.exit == 0
        status.out.contains('run d (detach, condor): done')
    }

    def "a DAG condor_submit_dag accepted while the head died before recording it is found by its batch name, never submitted twice"() {
        given:
        def file = write('named.flow', "stage('s') { scan i: [1, 2]; step exec('sleep 3; echo \${i} > \${outDir}/x') }\n")
        def submitted = flow().run('run', file.toString(), '--executor', 'condor', '--run-name', 'n', '--detach')
        def run = launch.resolve('.flow/runs/n')
        def dags = run.resolve('condor/dags.tsv')
        def dagman = Files.readAllLines(dags).first().split('\t')[1]
        // the head died between condor_submit_dag's answer and its record of DAGMan's cluster
        Files.delete(dags)

        when:
        def resumed = flow().run('resume', 'n')

        then:
        submitted.exit == 0
        resumed.exit == 0
        resumed.out.contains("found jobs submitted before the head died, not yet recorded: [${dagman}]")
        Files.readString(run.resolve('condor/flow.1.dag.dagman.log')).count('000 (') == 1
        !Files.exists(run.resolve('condor/flow.2.dag'))
        Files.readAllLines(dags).size() == 1 && Files.readAllLines(dags)[0].split('\t')[1] == dagman
        (0..1).every { Files.readString(run.resolve("stages/s/tasks/$it/out/x")).strip() == "${it + 1}" }
    }

    def "flow log finds a task's HTCondor logs: its node's cluster and its place among the node's procs"() {
        given:
        def file = write('logs.flow', "stage('s') { scan i: [0, 1, 2]; step exec('echo out-\${i}; echo err-\${i} >&2') }\n")

        when:
        def run = flow().run('run', file.toString(), '--executor', 'condor', '--run-name', 'l')
        def log = flow().run('log', 'l', 's', '2')

        then:
        run.exit == 0
        log.out =~ /== stdout, attempt 1 \(.*\/stages\/s\/logs\/s_\d+_2\.out\)\nout-2\n/
        log.out =~ /== stderr, attempt 1 \(.*\/stages\/s\/logs\/s_\d+_2\.err\)\nerr-2\n/
    }
}
