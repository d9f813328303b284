package flow.exec.condor

import flow.model.FailureClass
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/** What flow makes of HTCondor's holds, removals and DAGMan's records. */
class CondorVerdictsSpec extends Specification {
    def "a hold is acted on by its code and subcode (condor_holdcodes.h): #code/#subcode"() {
        when:
        def hold = CondorVerdicts.hold(code, subcode, released)

        then:
        hold.action() == action
        hold.failure() == failure

        where:
        code | subcode | released | action                          | failure
        34   | 102     | 0        | CondorVerdicts.Action.REMOVE    | FailureClass.OUT_OF_MEMORY
        34   | 0       | 0        | CondorVerdicts.Action.REMOVE    | FailureClass.OUT_OF_MEMORY
        34   | 104     | 0        | CondorVerdicts.Action.REMOVE    | FailureClass.HELD
        47   | 0       | 0        | CondorVerdicts.Action.REMOVE    | FailureClass.TIME_LIMIT
        1    | 0       | 0        | CondorVerdicts.Action.WAIT      | FailureClass.HELD
        13   | 2       | 0        | CondorVerdicts.Action.RELEASE   | FailureClass.TRANSFER_FAILURE
        13   | 2       | 3        | CondorVerdicts.Action.REMOVE    | FailureClass.TRANSFER_FAILURE
        6    | 0       | 1        | CondorVerdicts.Action.RELEASE   | FailureClass.NODE_FAILURE
        26   | 0       | 0        | CondorVerdicts.Action.REMOVE    | FailureClass.HELD
    }

    def "a removal is classified by its reason: #reason"() {
        expect:
        CondorVerdicts.removal(reason).failure() == failure

        where:
        reason                                                                                          | failure
        'via condor_rm (by user alice)'                                                                 | FailureClass.CANCELLED
        'Node Error: DAG node s_a1 (101.1.0) reached failure tolerance after 1 failures.'                | FailureClass.PREEMPTED
        'removed because <OtherJobRemoveRequirements = DAGManJobId =?= 100> fired when job (100.0) was removed' | FailureClass.CANCELLED
        "The system macro SYSTEM_PERIODIC_REMOVE expression '(RemoteWallClockTime > MaxRuntime)' evaluated to TRUE" | FailureClass.TIME_LIMIT
        null                                                                                            | FailureClass.CANCELLED
    }

    def "the JOBSTATE_LOG names each node's cluster and says which submission or PRE script failed"() {
        given:
        Path file = Files.createTempFile('flow.1.dag', '.jobstate.log')
        Files.writeString(file, '''\
            1796391448 INTERNAL *** DAGMAN_STARTED 100.0 ***
            1796391448 a_a1 SUBMIT 101.0 - - 1
            1796391448 a_a1 SUBMIT 101.1 - - 1
            1796391450 a_a1 JOB_FAILURE 7 - - 1
            1796391451 b_a1 SUBMIT_FAILURE - - - 1
            1796391452 c_a1 PRE_SCRIPT_STARTED - - - 1
            1796391452 c_a1 PRE_SCRIPT_FAILURE - - - 1
            1796391453 INTERNAL *** DAGMAN_FINISHED 1 ***
            1796391453 d_a1 SUBM'''.stripIndent())

        when:
        def log = new JobstateLog(file).poll()

        then:
        log.nodeOfCluster() == [101: 'a_a1']
        log.node('a_a1').jobFailed
        log.node('b_a1').submitFailed && log.node('b_a1').cluster == null
        log.node('c_a1').preScriptFailed
        log.node('d_a1') == null // a line still being written
        log.dagmanExit() == 1
    }

    def "flow.10.dag comes after flow.9.dag"() {
        expect:
        [Path.of('/r/condor/flow.9.dag'), Path.of('/r/condor/flow.10.dag')].max { DagChaining.round(it) } == Path.of('/r/condor/flow.10.dag')
        CondorScheduler.nodeName('a.b') != CondorScheduler.nodeName('a_b')
        CondorScheduler.nodeName('a_b') == 'a_b'
    }
}
