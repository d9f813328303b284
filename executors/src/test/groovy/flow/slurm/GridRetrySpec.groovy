package flow.slurm

import flow.EngineSupport
import flow.exec.grid.GridHead
import flow.exec.grid.RetryRound
import flow.exec.grid.SchedulerCommands
import flow.exec.slurm.SlurmScheduler
import flow.exec.slurm.SlurmStates
import flow.model.FailureClass
import flow.run.Ledger
import flow.run.RunRecord
import flow.run.TaskResult
import flow.run.Runs
import spock.lang.Specification

/**
 * Retries by failure class. OUT_OF_MEMORY, TIMEOUT and NODE_FAIL cannot be provoked on the test
 * cluster (no cgroups, one node): the head follows recorded squeue answers here instead.
 */
class GridRetrySpec extends Specification implements EngineSupport {
    List<List<String>> calls = []
    List<String> squeueAnswers = []
    int nextId = 500

    def commands = new SchedulerCommands() {
        @Override
        SchedulerCommands.Output run(List<String> argv, java.nio.file.Path where) {
            calls << argv
            switch (argv[0]) {
                case 'scontrol': return new SchedulerCommands.Output(0, 'MaxArraySize = 1001\n', '')
                case 'squeue': return new SchedulerCommands.Output(0, squeueAnswers ? squeueAnswers.remove(0) : '', '')
                case 'sacct': return new SchedulerCommands.Output(1, '', 'Slurm accounting storage is disabled')
                default: return new SchedulerCommands.Output(0, "${nextId++}\n", '')
            }
        }
    }

    def "out of memory is retried with twice the memory, a time limit with twice the time, a step error not at all"() {
        given:
        def plan = plan('''
            stage('s') { scan i: [0, 1, 2, 3]; step exec('true'); memory '1g'; time '30m'; retry 2 }
            stage('t') { dependsOn 's'; inputs outputsOf('s'); group 1; step exec('true') }
        ''')
        def record = RunRecord.of('r', plan, 'f', '', dir.toString(), 'slurm', [:], [:], [:])
        def run = new Runs(dir).create('r', record, plan)
        def ledger = Ledger.open(run.ledger())
        def head = new GridHead(new SlurmScheduler(commands), run, plan, ledger, new PrintStream(printed))
        def succeeded = { String stage, int i ->
            new TaskResult(stage, i, plan.stage(stage).tasks()[i].id(), '', 1, 0, null, null, 'h', 't0', 't1', [], [:], [], [], [:], null, [])
                    .write(run.resultJson(stage, i))
        }

        when: 'round one: s[0] out of memory, s[1] timed out, s[2] done, s[3] failed; t waits on its twins'
        head.submit([s: [0, 1, 2, 3], t: [0, 1, 2, 3]], [:])
        java.nio.file.Files.createDirectories(run.taskDir('s', 2))
        java.nio.file.Files.createDirectories(run.taskDir('t', 2))
        succeeded('s', 2)
        succeeded('t', 2)
        squeueAnswers << '500_0|1|500|0|OUT_OF_MEMORY|OutOfMemory|0\n500_1|2|500|1|TIMEOUT|TimeLimit|15\n' +
                '500_2|3|500|2|COMPLETED|None|0\n500_3|4|500|3|FAILED|NonZeroExitCode|256\n' +
                '501_[0-1,3]|501|501|0-1,3|CANCELLED|DependencyNeverSatisfied|0\n501_2|5|501|2|COMPLETED|None|0\n'
        def counts = head.follow(new flow.exec.Progress(new PrintStream(printed), false))
        def retry = new RetryRound(run, plan, ledger).next()

        then: 'the transient failures and the twins they block run again; the step error and its twin do not'
        counts.s.failures == [out_of_memory: 1, time_limit: 1, 'exit 1': 1]
        counts.s.done == 1
        retry == [s: [0, 1], t: [0, 1]]

        when:
        calls.clear()
        head.submit(retry, [:])
        def sbatch = calls.findAll { it[0] == 'sbatch' }

        then:
        sbatch.size() == 3
        def oom = sbatch.find { it.contains('--array=0') && it.last().endsWith('s.sbatch') }
        def timeout = sbatch.find { it.contains('--array=1') && it.last().endsWith('s.sbatch') }
        oom.contains('--mem=2048M') && !oom.any { it.startsWith('--time') }
        timeout.contains('--time=60') && !timeout.any { it.startsWith('--mem') }
        sbatch[2].contains('--array=0-1') && sbatch[2].contains('--dependency=afterok:502:503')
        sbatch.every { it.contains('--export=ALL,FLOW_ATTEMPT=2') }

        cleanup:
        ledger?.close()
    }

    def "sacct lines are read for jobs gone from the queue"() {
        expect:
        SlurmStates.parseAccounting('17_2|OUT_OF_MEMORY|0:125\n17_[3-4]|CANCELLED by 0|0:0\n18|NODE_FAIL|0:0\n')
                .collect { [it.jobId(), it.arrayIndex(), it.failure()] } ==
                [['17', 2, FailureClass.OUT_OF_MEMORY], ['17', 3, FailureClass.CANCELLED], ['17', 4, FailureClass.CANCELLED],
                 ['18', 0, FailureClass.NODE_FAILURE]]
    }
}
