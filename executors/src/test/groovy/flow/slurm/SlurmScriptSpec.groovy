package flow.slurm

import flow.exec.grid.ArrayJob
import flow.exec.grid.GridScheduler
import flow.util.Quantities
import flow.exec.grid.SchedulerCommands
import flow.exec.slurm.SlurmScheduler
import flow.model.Resources
import flow.model.RetrySpec
import flow.plan.StageDefinition
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

class SlurmScriptSpec extends Specification {
    static StageDefinition stage(Map resources) {
        new StageDefinition('reco', 'exec', [:], [], [], [], [], RetrySpec.NONE, null, new Resources(resources), [], 1, [:], flow.model.Batching.NONE, null)
    }

    def "a job script carries the profile's resources and is byte-deterministic"() {
        given:
        def slurm = new SlurmScheduler(new SchedulerCommands())
        def resources = [partition: 'ampere', account: 'neutrino:icarus-ml', cpus: 28, memPerCpu: '8g', time: '2h', gpus: 1,
                         constraint: 'a100', sbatch: ['--exclusive']]

        expect:
        slurm.renderScript('r1', stage(resources), "flow task '/runs/with space' reco " + slurm.taskIndex(1001)) == '''\
            #!/bin/bash
            #SBATCH --job-name=r1.reco
            #SBATCH --partition=ampere
            #SBATCH --account=neutrino:icarus-ml
            #SBATCH --constraint=a100
            #SBATCH --cpus-per-task=28
            #SBATCH --mem-per-cpu=8192M
            #SBATCH --time=120
            #SBATCH --gpus=1
            #SBATCH --exclusive

            set -eu
            exec flow task '/runs/with space' reco "$((SLURM_ARRAY_TASK_ID + 1001))"
            '''.stripIndent()
        slurm.renderScript('r1', stage(resources), 'x') == slurm.renderScript('r1', stage(new LinkedHashMap(resources)), 'x')
    }

    def "an #SBATCH value with a space is refused with the option named"() {
        when:
        new SlurmScheduler(new SchedulerCommands()).renderScript('r', stage([partition: 'a b']), 'x')

        then:
        def e = thrown(IllegalArgumentException)
        e.message == "SLURM --partition 'a b': spaces and quotes are not allowed in #SBATCH values"
    }

    def "a profile's sbatch line with a new line is refused: it would start a command of the job script"() {
        when:
        new SlurmScheduler(new SchedulerCommands()).renderScript('r', stage([sbatch: ['--exclusive\ntouch /tmp/PWNED']]), 'x')

        then:
        def e = thrown(IllegalArgumentException)
        e.message == "an 'sbatch' line of the profile holds a control character: --exclusive?touch /tmp/PWNED"
    }

    def "sbatch gets the array, throttle, dependencies, logs and scaled memory as separate arguments"() {
        given:
        def calls = []
        def commands = new SchedulerCommands() {
            @Override
            SchedulerCommands.Output run(List<String> argv, java.nio.file.Path where) {
                calls << argv
                new SchedulerCommands.Output(0, '42;cluster\n', '')
            }
        }
        def script = Files.createTempDirectory('run').resolve('stages/reco/scripts/reco.sbatch')

        when:
        def id = new SlurmScheduler(commands).submit(new ArrayJob('reco', script, [3, 7, 19], 0, 5, ['10', '11'], [], false, 2, 4, 1,
                new Resources([memory: '2g', time: '1h']), false, 'r.reco.a2.x', []))

        then:
        id == '42'
        calls == [['sbatch', '--parsable', '--array=3,7,19%5',
                   "--output=${script.parent.parent}/logs/reco_%A_%a.out".toString(),
                   "--error=${script.parent.parent}/logs/reco_%A_%a.err".toString(),
                   '--job-name=r.reco.a2.x', '--export=ALL,FLOW_ATTEMPT=2', '--kill-on-invalid-dep=yes', '--dependency=afterok:10:11',
                   '--mem=8192M', script.toString()]]
    }

    def "a refusal of the request itself is told from a controller that cannot be reached: #message"() {
        given:
        String said = "sbatch: error: ${message}\n"
        def commands = new SchedulerCommands() {
            @Override
            SchedulerCommands.Output run(List<String> argv, java.nio.file.Path where) {
                new SchedulerCommands.Output(1, '', said)
            }
        }
        def script = Files.createTempDirectory('run').resolve('stages/reco/scripts/reco.sbatch')

        when:
        new SlurmScheduler(commands).submit(new ArrayJob('reco', script, [0], 0, null, [], [], false, 1, 1, 1,
                new Resources([:]), false, 'r.reco.a1.x', []))

        then:
        def e = thrown(GridScheduler.SubmitException)
        e.requestInvalid() == invalid
        e.message.contains(message)

        where:
        message                                                                      | invalid
        'Batch job submission failed: Invalid partition name specified'             | true
        'Batch job submission failed: Invalid account or account/partition combination specified' | true
        'Batch job submission failed: More processors requested than permitted'     | true
        'Batch job submission failed: Unable to contact slurm controller (connect failure)' | false
        'Batch job submission failed: Socket timed out on send/recv operation'      | false
        'Slurm temporarily unable to accept job, sleeping and retrying'             | false
    }

    def "memory and time are read as profiles write them"() {
        expect:
        Quantities.megabytes('4g') == 4096
        Quantities.megabytes('512M') == 512
        Quantities.megabytes('1.5G') == 1536
        Quantities.minutes('2h') == 120
        Quantities.minutes('1h30m') == 90
        Quantities.minutes('90s') == 2
        Quantities.minutes('1-00:00:00') == 1440
        Quantities.minutes('00:30:00') == 30
        Quantities.minutes('45') == 45
    }

    def "a malformed quantity names what was expected"() {
        when:
        Quantities.minutes('two hours')

        then:
        def e = thrown(IllegalArgumentException)
        e.message == "time 'two hours': expected e.g. 30m, 2h, 1d, 01:30:00"
    }
}
