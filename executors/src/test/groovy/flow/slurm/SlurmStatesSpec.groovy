package flow.slurm

import flow.exec.slurm.SlurmStates
import flow.model.FailureClass
import spock.lang.Specification

/** squeue lines as SLURM 22.05 prints them for the batched query (see shared/slurm/NOTES.md item 6). */
class SlurmStatesSpec extends Specification {

    def "each final state maps to its failure class and exit code"() {
        when:
        def s = SlurmStates.parse(line)[0]

        then:
        !s.active()
        s.failure() == failure
        s.exitCode() == exit

        where:
        line                                                   | failure                                  | exit
        '17_2|28|17|2|FAILED|NonZeroExitCode|256'              | FailureClass.STEP_ERROR                  | 1
        '17_3|29|17|3|FAILED|NonZeroExitCode|768'              | FailureClass.STEP_ERROR                  | 3
        '21_0|40|21|0|OUT_OF_MEMORY|OutOfMemory|32512'         | FailureClass.OUT_OF_MEMORY               | 127
        '22_1|41|22|1|TIMEOUT|TimeLimit|15'                    | FailureClass.TIME_LIMIT                  | 15
        '23_4|52|23|4|NODE_FAIL|NodeDown|0'                    | FailureClass.NODE_FAILURE                | 0
        '24_0|60|24|0|PREEMPTED|None|0'                        | FailureClass.PREEMPTED                   | 0
        '25_0|61|25|0|CANCELLED|None|0'                        | FailureClass.CANCELLED                   | 0
        '26_0|62|26|0|COMPLETED|None|0'                        | null                                     | 0
    }

    def "an array not yet started is one range line, expanded task by task"() {
        when:
        def states = SlurmStates.parse('6_[2-9%3]|6|6|2-9%3|PENDING|JobArrayTaskLimit|0\n6_1|8|6|1|RUNNING|None|0\n')

        then:
        states*.arrayIndex() == [2, 3, 4, 5, 6, 7, 8, 9, 1]
        states.every { it.jobId() == '6' && it.active() }
        states.last().detail() == 'RUNNING'
    }

    def "a dependency never satisfied is a failure, pending or cancelled"() {
        expect:
        SlurmStates.parse(line).every { !it.active() && it.failure() == FailureClass.DEPENDENCY_NEVER_SATISFIED }

        where:
        line << ['2_[0-1]|2|2|0-1|CANCELLED|DependencyNeverSatisfied|0', '7_[0-3]|7|7|0-3|PENDING|DependencyNeverSatisfied|0']
    }

    def "a plain job (a cleanup) is task 0 of itself; junk lines are skipped"() {
        expect:
        SlurmStates.parse('31|31|0|N/A|RUNNING|None|0\nslurm_load_jobs error: x\n')*.jobId() == ['31']
    }
}
