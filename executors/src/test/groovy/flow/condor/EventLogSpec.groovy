package flow.condor

import flow.exec.condor.CondorEvent
import flow.exec.condor.CondorJobs
import flow.exec.condor.EventLogReader
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.time.LocalDateTime

/** The real HTCondor event logs of shared/htcondor/samples/eventlogs (see its README for provenance). */
class EventLogSpec extends Specification {
    static final Path SAMPLES = Path.of(System.getProperty('flow.home'), '..', 'shared', 'htcondor', 'samples', 'eventlogs').normalize()

    static List<CondorEvent> events(String name) {
        EventLogReader.parse(Files.readString(SAMPLES.resolve(name)), 2024)
    }

    static List<List> summary(List<CondorEvent> events) {
        events.collect { [it.code(), "${it.cluster()}.${it.proc()}".toString()] }
    }

    def "legacy dates, TAB indents, a signal 11 termination then an abort, and a normal termination"() {
        when:
        def events = events('legacy_signal11_abort_retry.log')
        def jobs = new CondorJobs([] as Set)
        jobs.applyAll(events)

        then:
        summary(events) == [[0, '180158.0'], [1, '180158.0'], [5, '180158.0'], [0, '180159.0'], [1, '180159.0'],
                            [9, '180158.0'], [5, '180159.0']]
        events[0].time() == LocalDateTime.of(2024, 3, 10, 16, 40, 6)
        events[0].dagNode().get() == 'A'
        events[2].signal().get() == 11
        events[2].returnValue().empty
        events[6].returnValue().get() == 0
        jobs.job(180158, 0).status() == CondorJobs.Status.REMOVED
        jobs.job(180158, 0).signal() == 11
        jobs.job(180159, 0).status() == CondorJobs.Status.DONE
        jobs.job(180159, 0).exitCode() == 0
    }

    def "ISO dates, image size events and a termination with the resources table and the old ToE line"() {
        when:
        def events = events('iso_date_job984_spaces.log')
        def terminated = events.findAll { it.code() == CondorEvent.TERMINATED }

        then:
        events*.code().contains(6)
        events.every { it.cluster() == 984 && it.proc() == 0 }
        terminated.size() == 1
        terminated[0].returnValue().get() == 0
        terminated[0].time() == LocalDateTime.of(2023, 1, 24, 9, 43, 0)
    }

    def "what a run used: its execute event's host, and its terminate event's CPU and memory table"() {
        when:
        def events = events('iso_date_job984_spaces.log')
        def jobs = new CondorJobs([] as Set)
        jobs.applyAll(events)
        def terminated = events.find { it.code() == CondorEvent.TERMINATED }
        def zone = java.time.ZoneId.systemDefault()

        then: 'Memory (MB): Usage 2, Request 1, Allocated 4096; the alias of the execute address'
        terminated.memoryUsageMb().get() == 2
        terminated.memoryRequestMb().get() == 1
        terminated.runCpuSeconds().get() == 0d
        with(jobs.figures(984, 0)) {
            node() == 'test.example'
            started() == LocalDateTime.of(2023, 1, 24, 9, 42, 45).atZone(zone).toInstant().toString()
            ended() == LocalDateTime.of(2023, 1, 24, 9, 43, 0).atZone(zone).toInstant().toString()
            peakRssMb() == 2
            requestedMb() == 1
        }
    }

    def "usage lines in days, hours, minutes; a blank usage column; a memory hold's last measured usage"() {
        given: 'written as condor_event.cpp formats them (formatRusage 3711-3735, formatUsageAd 1118-1227), with a fractional Cpus usage'
        String log = """\
001 (7.000.000) 2026-12-01 10:00:00 Job executing on host: <10.0.0.5:9618?addrs=10.0.0.5-9618>
...
005 (7.000.000) 2026-12-02 11:00:00 Job terminated.
\t(1) Normal termination (return value 0)
\t\tUsr 1 02:03:04, Sys 0 00:00:05  -  Run Remote Usage
\t\tUsr 0 00:00:00, Sys 0 00:00:00  -  Run Local Usage
\t\tUsr 1 02:03:04, Sys 0 00:00:05  -  Total Remote Usage
\t\tUsr 0 00:00:00, Sys 0 00:00:00  -  Total Local Usage
\t0  -  Run Bytes Sent By Job
\t0  -  Run Bytes Received By Job
\t0  -  Total Bytes Sent By Job
\t0  -  Total Bytes Received By Job
\tPartitionable Resources :    Usage  Request Allocated 
\t   Cpus                 :     0.97     1          1    
\t   Disk (KB)            :   123456   200000    250000 
\t   Memory (MB)          :            2048       2048 
...
001 (8.000.000) 2026-12-01 10:00:00 Job executing on host: <10.0.0.5:9618?addrs=10.0.0.5-9618>
...
012 (8.000.000) 2026-12-01 10:05:00 Job was held.
\tJob has gone over cgroup memory limit of 300 megabytes. Last measured usage: 1100 megabytes.  Consider resubmitting with a higher request_memory.
\tCode 34 Subcode 102
...
"""
        def events = EventLogReader.parse(log, 2026)
        def jobs = new CondorJobs([] as Set)
        jobs.applyAll(events)

        expect:
        events[1].runCpuSeconds().get() == 86400d + 2 * 3600 + 3 * 60 + 4 + 5
        events[1].memoryUsageMb().empty
        events[1].memoryRequestMb().get() == 2048
        jobs.figures(7, 0).node() == '10.0.0.5'
        jobs.figures(8, 0).peakRssMb() == 1100
        jobs.figures(8, 0).cpuSeconds() == null
    }

    def "a transfer shadow's negative proc is parsed but ignored by the job states"() {
        when:
        def events = events('iso_date_nodes_log_negative_proc.log')
        def jobs = new CondorJobs([1] as Set)
        jobs.applyAll(events)

        then:
        summary(events) == [[0, '1.0'], [1, '1.0'], [4, '1.-1000'], [5, '1.0']]
        jobs.jobs().keySet() == ['1.0'] as Set
        jobs.job(1, 0).status() == CondorJobs.Status.DONE
        jobs.job(1, 0).dagNode() == 'A'
    }

    def "the global event log header has negative ids everywhere"() {
        expect:
        with(events('global_eventlog_header_008.log')) {
            size() == 1
            it[0].code() == 8 && it[0].cluster() == -1 && it[0].proc() == -1 && it[0].subproc() == -1
            it[0].text().startsWith('Global JobLog: ctime=1738067318')
        }
    }

    def "space indents and the old abort text"() {
        when:
        def events = events('legacy_spaces_indent_signal_abort.log')
        def jobs = new CondorJobs([] as Set)
        jobs.applyAll(events)

        then:
        events.find { it.code() == CondorEvent.TERMINATED }.signal().present
        events.find { it.code() == CondorEvent.ABORTED }.text() == 'Job was aborted by the user.'
        jobs.jobs().values().every { it.status() == CondorJobs.Status.REMOVED }
    }

    def "POST script events name their DAG node after the body"() {
        when:
        def events = events('legacy_dag_nodes_post_script.log')

        then:
        events.findAll { it.code() == 16 }*.dagNode()*.get() == ['B2']
        events.findAll { it.code() == 0 }*.dagNode()*.get().toSet() == ['B1', 'B2'] as Set
    }

    def "job ad information events keep their unindented Attr = value body"() {
        when:
        def info = events('legacy_job_ad_information_028.log').findAll { it.code() == 28 }

        then:
        !info.empty
        info[0].body().contains('TriggerEventTypeNumber = 0')
        info[0].body().contains('LogNotes = "DAG Node: Job1"')
    }

    def "the stress log: every one of its 851 records, junk lines skipped, holds with their reasons"() {
        when:
        def events = events('legacy_stress_all_events_000_024.log')
        def counts = events.countBy { it.code() }

        then:
        events.size() == 851
        counts[0] == 42 && counts[5] == 43 && counts[12] == 48 && counts[24] == 2
        events.every { e -> e.body().every { !it.startsWith('...') } }
        events.findAll { it.code() == CondorEvent.TERMINATED }.every { it.returnValue().present || it.signal().present }
        def held = events.findAll { it.code() == CondorEvent.HELD }
        held.size() == 48
        held.every { it.cluster() == -1 && it.body().empty && it.holdReason().empty && it.holdCode().empty }
        events.findAll { it.body().any { it.contains('foo dee doo') } }.every { it.cluster() > 0 }
    }

    def "held jobs carry their reason, code and subcode; a release makes them idle again"() {
        given:
        def log = '''\
            000 (7.000.000) 2024-05-01 10:00:00 Job submitted from host: <1.2.3.4:5>
            ...
            012 (7.000.000) 2024-05-01 10:00:05 Job was held.
            \tTransfer output files failure at execution point slot1@host while sending files to access point
            \tCode 12 Subcode 2
            ...
            '''.stripIndent()
        def jobs = new CondorJobs([7] as Set)

        when:
        jobs.applyAll(EventLogReader.parse(log, 2024))

        then:
        with(jobs.job(7, 0)) {
            status() == CondorJobs.Status.HELD
            holdCode() == 12
            holdSubcode() == 2
            holdReason().startsWith('Transfer output files failure')
        }

        when:
        jobs.applyAll(EventLogReader.parse('013 (7.000.000) 2024-05-01 10:01:00 Job was released.\n...\n', 2024))

        then:
        jobs.job(7, 0).status() == CondorJobs.Status.IDLE
    }

    def "an incremental reader returns only complete records, each once"() {
        given:
        def file = Files.createTempFile('events', '.log')
        def reader = new EventLogReader(file, 2024)
        def record = { int cluster -> "000 (${cluster}.000.000) 2024-01-01 00:00:00 Job submitted from host: <h>\n...\n".toString() }

        when:
        Files.writeString(file, record(1) + '001 (1.000.000) 2024-01-01 00:00:01 Job executing on host: <h>\n')
        def first = reader.poll()
        Files.writeString(file, Files.readString(file) + '...\n' + record(2).substring(0, 20))
        def second = reader.poll()
        Files.writeString(file, Files.readString(file) + record(2).substring(20))
        def third = reader.poll()

        then:
        summary(first) == [[0, '1.0']]
        summary(second) == [[1, '1.0']]
        summary(third) == [[0, '2.0']]
        reader.poll().empty
    }

    def "the submit event names its DAG node in either form: 'DAG Node: x' before 25.11, a ClassAd after (schedd.cpp:5852-5866)"() {
        when:
        def events = EventLogReader.parse("""\
            000 (101.000.000) 2026-08-21 15:16:39 Job submitted from host: <127.0.0.1:9618?addrs=127.0.0.1-9618>
                DAG Node: prepare_a1
            ...
            000 (102.000.000) 2026-08-21 15:16:40 Job submitted from host: <127.0.0.1:9618?addrs=127.0.0.1-9618>
                [ DAGNodeName = "twin_a1"; JobBatchName = "htc1-s1b" ]
            ...
            000 (103.000.000) 2026-08-21 15:16:41 Job submitted from host: <127.0.0.1:9618?addrs=127.0.0.1-9618>
                [ JobBatchName = "no-dag" ]
            ...
            """.stripIndent(), 2026)

        then:
        events*.dagNode()*.orElse(null) == ['prepare_a1', 'twin_a1', null]
    }

    def "a removed cluster (036) removes the procs it never materialised; an abort keeps its reason"() {
        given:
        def jobs = new CondorJobs([] as Set)

        when:
        jobs.applyAll(EventLogReader.parse("""\
            000 (7.000.000) 2026-01-01 00:00:00 Job submitted from host: <h>
            ...
            009 (7.000.000) 2026-01-01 00:00:05 Job was aborted.
            	via condor_rm (by user alice)
            ...
            036 (7.-1.000) 2026-01-01 00:00:05 Cluster removed
            	Materialized 1 jobs from 4 items.	Incomplete
            ...
            """.stripIndent(), 2026))

        then:
        jobs.job(7, 0).status() == CondorJobs.Status.REMOVED
        jobs.job(7, 0).removeReason() == 'via condor_rm (by user alice)'
        jobs.job(7, 3).status() == CondorJobs.Status.REMOVED
        jobs.job(8, 0) == null
    }

    def "a legacy date of 29 February is read in a year that has none (the latest leap year)"() {
        expect:
        EventLogReader.parse('000 (1.000.000) 02/29 10:00:00 Job submitted from host: <h>\n...\n', 2026)[0].time() ==
                LocalDateTime.of(2024, 2, 29, 10, 0, 0)
    }
}
