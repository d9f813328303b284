package flow.slurm

import flow.exec.grid.ArrayTaskId
import flow.exec.slurm.SacctUsage
import spock.lang.Specification

import java.time.ZoneOffset

/**
 * sacct -n -P --format=JobID,Elapsed,TotalCPU,MaxRSS,ReqMem,State,ExitCode,NodeList,Start,End as
 * SLURM 22.05 with slurmdbd and jobacct_gather/linux printed it on the test cluster (first two
 * tasks, copied from the terminal), plus the longer forms sacct uses for days and gigabytes.
 */
class SacctUsageSpec extends Specification {
    static final String OUTPUT = '''\
644_0|00:00:03|00:01.523||300M|COMPLETED|0:0|vm|2026-12-05T06:31:03|2026-12-05T06:31:06
644_0.batch|00:00:03|00:01.523|220384K||COMPLETED|0:0|vm|2026-12-05T06:31:03|2026-12-05T06:31:06
644_1|00:00:03|00:01.469||300M|COMPLETED|0:0|vm|2026-12-05T06:31:03|2026-12-05T06:31:06
644_1.batch|00:00:03|00:01.469|220320K||COMPLETED|0:0|vm|2026-12-05T06:31:03|2026-12-05T06:31:06
650_3|1-02:03:04|2-01:00:00||4G|TIMEOUT|0:15|node7|2026-12-01T10:00:00|2026-12-02T12:03:04
650_3.batch|1-02:03:05|1-00:00:00|1.50G||CANCELLED|0:15|node7|2026-12-01T10:00:00|2026-12-02T12:03:05
650_3.0|1-02:03:00|1-01:00:00|3.25G||CANCELLED|0:15|node7|2026-12-01T10:00:01|2026-12-02T12:03:01
650_[4-9]|00:00:00|00:00:00||4G|PENDING|0:0|None assigned|Unknown|Unknown
'''

    def "a task's figures come from its allocation line and the largest peak of its steps"() {
        when:
        def usage = SacctUsage.parse(OUTPUT, ZoneOffset.UTC)
        def first = usage[new ArrayTaskId('644', 0)]
        def long_ = usage[new ArrayTaskId('650', 3)]

        then:
        usage.keySet() == [new ArrayTaskId('644', 0), new ArrayTaskId('644', 1), new ArrayTaskId('650', 3)] as Set
        first.started() == '2026-12-05T06:31:03Z'
        first.ended() == '2026-12-05T06:31:06Z'
        first.cpuSeconds() == 1.523d
        first.peakRssMb() == 216 // 220384 KiB, rounded up
        first.requestedMb() == 300
        first.node() == 'vm'

        and: 'days in durations, gigabytes in sizes, the step with the larger peak'
        long_.cpuSeconds() == 2 * 86400d + 3600
        long_.peakRssMb() == 3328
        long_.requestedMb() == 4096
    }

    def "times are the cluster's local time"() {
        expect:
        SacctUsage.parse(OUTPUT, ZoneOffset.ofHours(1))[new ArrayTaskId('644', 0)].started() == '2026-12-05T05:31:03Z'
    }
}
