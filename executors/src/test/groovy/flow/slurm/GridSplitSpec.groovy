package flow.slurm

import flow.EngineSupport
import flow.exec.grid.GridHead
import flow.exec.grid.SchedulerCommands
import flow.exec.slurm.SlurmScheduler
import flow.run.Ledger
import flow.run.RunRecord
import flow.run.Runs
import spock.lang.Specification

/** Splitting a stage larger than MaxArraySize; sbatch and scontrol are recorded, not run. */
class GridSplitSpec extends Specification implements EngineSupport {
    List<List<String>> calls = []
    int nextId = 100

    SchedulerCommands recorder(int maxArraySize) {
        new SchedulerCommands() {
            @Override
            SchedulerCommands.Output run(List<String> argv, java.nio.file.Path where) {
                calls << argv
                argv[0] == 'scontrol' ? new SchedulerCommands.Output(0, "MaxArraySize            = $maxArraySize\n", '')
                        : new SchedulerCommands.Output(0, "${nextId++}\n", '')
            }
        }
    }

    List<String> submitStage(int tasks, int throttle, int maxArraySize) {
        def plan = plan("stage('s') { scan i: (0..<$tasks).toList(); throttle $throttle; step exec('true') }")
        def record = RunRecord.of('r', plan, 'f', '', dir.toString(), 'slurm', [:], [:], [:])
        def run = new Runs(dir).create('r', record, plan)
        Ledger.open(run.ledger()).withCloseable { ledger ->
            new GridHead(new SlurmScheduler(recorder(maxArraySize)), run, plan, ledger, new PrintStream(printed))
                    .submit([s: (0..<tasks).toList()], [:])
        }
        calls.findAll { it[0] == 'sbatch' }.collect { argv -> argv.findAll { it.startsWith('--array') || it.startsWith('--dependency') || it.endsWith('.sbatch') }.collect { it.replaceAll('.*/', '') }.join(' ') }
    }

    def "a stage over MaxArraySize is split into offset arrays sharing out the throttle"() {
        expect:
        submitStage(10, 3, 4) == ['--array=0-3%1 s.sbatch', '--array=0-3%1 s.4.sbatch', '--array=0-1%1 s.8.sbatch']
        new File(dir.toFile(), '.flow/runs/r/stages/s/scripts/s.8.sbatch').text.contains('"$((SLURM_ARRAY_TASK_ID + 8))"')
    }

    def "when the throttle is smaller than the number of arrays, later arrays wait for earlier ones"() {
        expect:
        submitStage(12, 2, 4) == ['--array=0-3%1 s.sbatch', '--array=0-3%1 s.4.sbatch', '--array=0-3%1 --dependency=afterany:100 s.8.sbatch']
    }
}
