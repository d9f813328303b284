package flow.exec.condor

import flow.exec.grid.SchedulerCommands
import spock.lang.Specification

/** The schedd cross-check parses condor_q / condor_history -af:j rows as FORMATS.md §4.2 shows them. */
class CondorQueueCheckSpec extends Specification {
    List<List<String>> asked = []

    SchedulerCommands answering(Map<String, String> stdoutByProgram) {
        new SchedulerCommands() {
            @Override
            SchedulerCommands.Output run(List<String> argv, java.nio.file.Path where) {
                asked << argv
                new SchedulerCommands.Output(0, stdoutByProgram[argv[0]] ?: '', '')
            }
        }
    }

    def "queue rows give states and holds; procs gone from the queue are settled from history"() {
        given:
        def check = new CondorQueueCheck(answering(
                condor_q: '123.0 2 undefined undefined undefined\n123.1 5 34 0 Job has gone over memory limit of 1024 megabytes.\n',
                condor_history: '123.3 4 undefined true 9\n123.2 4 3 false undefined\n'))

        when:
        def jobs = check.check(['123.0', '123.1', '123.2', '123.3', '123.4'] as Set)

        then:
        asked == [['condor_q', '123', '-af:j', 'JobStatus', 'HoldReasonCode', 'HoldReasonSubCode', 'HoldReason'],
                  // by cluster.proc: -limit counts every job listed, so by cluster other procs could fill it
                  ['condor_history', '123.2', '123.3', '123.4', '-af:j', 'JobStatus', 'ExitCode', 'ExitBySignal', 'ExitSignal', '-limit', '3']]
        jobs['123.0'].status() == CondorJobs.Status.RUNNING
        with(jobs['123.1']) {
            status() == CondorJobs.Status.HELD
            holdCode() == 34
            holdSubcode() == 0
            holdReason() == 'Job has gone over memory limit of 1024 megabytes.'
        }
        jobs['123.2'].exitCode() == 3
        jobs['123.3'].signal() == 9 && jobs['123.3'].exitCode() == null
        !jobs.containsKey('123.4') // known to neither: the logs stay the only word
    }

    def "nothing to ask about asks nothing; a failing condor_q leaves the logs as the source"() {
        given:
        def failing = new SchedulerCommands() {
            @Override
            SchedulerCommands.Output run(List<String> argv, java.nio.file.Path where) {
                asked << argv
                new SchedulerCommands.Output(1, '', 'Failed to connect to schedd')
            }
        }

        expect:
        new CondorQueueCheck(failing).check([] as Set).isEmpty()
        asked.isEmpty()
        new CondorQueueCheck(failing).check(['7.0'] as Set).isEmpty()
        asked*.get(0) == ['condor_q', 'condor_history']
    }

    def "JobStatus codes map to states, transferring output counting as running"() {
        expect:
        CondorQueueCheck.status(code) == state

        where:
        code | state
        1    | CondorJobs.Status.IDLE
        2    | CondorJobs.Status.RUNNING
        3    | CondorJobs.Status.REMOVED
        4    | CondorJobs.Status.DONE
        5    | CondorJobs.Status.HELD
        6    | CondorJobs.Status.RUNNING
        7    | CondorJobs.Status.SUSPENDED
    }
}
