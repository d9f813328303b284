package flow.condor

import flow.EngineSupport
import flow.exec.condor.CondorQuoting
import flow.exec.condor.CondorScheduler
import flow.exec.condor.DagFile
import flow.exec.grid.GridHead
import flow.exec.grid.SchedulerCommands
import flow.run.Ledger
import flow.run.RunRecord
import flow.run.Runs
import spock.lang.Specification

import java.nio.file.Files

/** What the HTCondor executor renders for a 3-stage pipeline; condor_submit_dag is recorded, not run. */
class CondorRenderSpec extends Specification implements EngineSupport {
    static final String PIPELINE = '''
        stage('prepare') { scan i: [0, 1, 2]; throttle 2; retry 1, on: 'step_error'; step exec('echo ${i} > ${outDir}/v') }
        stage('twin') { dependsOn 'prepare'; inputs outputsOf('prepare'); group 1; step exec('cat ${inputs} > ${outDir}/t') }
        stage('combine') { dependsOn 'twin'; inputs outputsOf('twin'); step exec('cat ${inputs} > ${outDir}/all'); cleanup 'twin' }
    '''

    /** Renders the pipeline into a fresh run 'r'; returns every file under the run's condor/ and scripts/ dirs. */
    Map<String, String> render() {
        dir.resolve('.flow').toFile().deleteDir()
        def plan = plan(PIPELINE)
        def record = RunRecord.of('r', plan, 'f', '', dir.toString(), 'condor', [:], [:], [:])
        def run = new Runs(dir).create('r', record, plan)
        def calls = []
        def commands = new SchedulerCommands() {
            @Override
            SchedulerCommands.Output run(List<String> argv, java.nio.file.Path where) {
                calls << argv
                new SchedulerCommands.Output(0, 'Submitting job(s).\n1 job(s) submitted to cluster 7.\n', '')
            }
        }
        Ledger.open(run.ledger()).withCloseable { ledger ->
            new GridHead(new CondorScheduler(commands, run), run, plan, ledger, new PrintStream(printed))
                    .submit([prepare: [0, 1, 2], twin: [0, 1, 2], combine: [0]], [:])
        }
        // each submission's batch name is its own (a resume finds an unrecorded one by it)
        assert calls.size() == 1 && calls[0][0..1] == ['condor_submit_dag', '-batch-name'] && calls[0][3] == 'flow.1.dag'
        assert calls[0][2] ==~ /r\.flow\.1\.dag\.[0-9a-f]+/
        // the rendered files, not the head's records of what it submitted (*.tsv)
        Files.walk(run.root()).withCloseable { files ->
            files.filter { Files.isRegularFile(it) && !it.toString().endsWith('.tsv') && (it.toString().contains('/condor/') || it.toString().contains('/scripts/')) }
                    .toList().collectEntries { [(run.root().relativize(it).toString()): Files.readString(it)] }
        }
    }

    def "the DAG: one node per stage, PARENT/CHILD per dependency, the cleanup after its consumer, no RETRY (flow retries), its CONFIG"() {
        when:
        def files = render()

        then:
        files['condor/flow.1.dag'] == '''\
            # flow DAG
            JOB prepare_a1 prepare_a1.sub
            JOB twin_a1 twin_a1.sub
            JOB combine_a1 combine_a1.sub
            JOB cleanup-twin_a1 cleanup-twin_a1.sub
            PARENT prepare_a1 CHILD twin_a1
            PARENT twin_a1 CHILD combine_a1
            PARENT combine_a1 CHILD cleanup-twin_a1
            JOBSTATE_LOG flow.1.dag.jobstate.log
            CONFIG flow.dag.config
            '''.stripIndent()
        files['condor/flow.dag.config'].readLines().containsAll(['DAGMAN_REMOVE_JOB_LIST_ON_FAILURE = False', 'DAGMAN_MAX_JOBS_IDLE = 0'])
        DagFile.parse(files['condor/flow.1.dag']).parents == [twin_a1: ['prepare_a1'], combine_a1: ['twin_a1'], 'cleanup-twin_a1': ['combine_a1']]
        files['condor/prepare_a1.items'] == '0\n1\n2\n'
        files['condor/prepare_a1.sub'].contains('max_materialize = 2\n')
        files['condor/prepare_a1.sub'].contains('environment = "FLOW_ATTEMPT=1"\n')
        CondorQuoting.parseArguments(files['condor/prepare_a1.sub'].readLines().find { it.startsWith('arguments = ') }.substring(12)) == ['$(task)']
        files['stages/prepare/scripts/prepare.sh'].endsWith(' task ' + dir.resolve('.flow/runs/r') + ' prepare "$1"\n')
    }

    def "every rendered file is byte-identical from one rendering to the next"() {
        expect:
        render() == render()
    }
}
