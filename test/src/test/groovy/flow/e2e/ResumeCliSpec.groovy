package flow.e2e

import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.FileTime

/** flow resume as a user drives it: inputs and configuration files that change between attempts, corrections, foreign locks. */
class ResumeCliSpec extends Specification {
    Path launch = Files.createTempDirectory('flow-resume')
    FlowCli flow = new FlowCli(launch)
    Path smartpix = Path.of(System.getProperty('flow.home')).resolve('../shared/data/smartpix').normalize()

    /** The smart-pixels convolution over copies of the shared cases, with a copy of the pulse table. */
    private Path convolvePipeline() {
        def data = Files.createDirectories(launch.resolve('data'))
        ['pixel_clusters_d00001.out.gz', 'pixel_clusters_d00002.out.gz', 'pulse_response.csv'].each {
            Files.copy(smartpix.resolve(it), data.resolve(it))
        }
        def file = launch.resolve('convolve.flow')
        Files.writeString(file, """
            stage('convolve') {
                inputs files('data/*.out.gz')
                step convolve(pulses: 'data/pulse_response.csv')
                outputs 'convolved_output_*.out.gz'
            }
        """.stripIndent())
        file
    }

    def "an edited pulse table runs the convolution again; the same bytes copied back run nothing"() {
        given:
        def file = convolvePipeline()
        def pulses = launch.resolve('data/pulse_response.csv')
        def original = Files.readAllBytes(pulses)
        def first = flow.run('run', file.toString(), '--run-name', 'cv')

        expect:
        first.exit == 0

        when: 'the same bytes are written back (a new modification time)'
        Files.write(pulses, original)
        Files.setLastModifiedTime(pulses, FileTime.fromMillis(System.currentTimeMillis() + 5_000))
        def same = flow.run('resume', 'cv', '--dry-run')

        then:
        same.exit == 0
        same.out.contains('stage convolve: 2 tasks, 2 done, 0 to run')

        when: 'one value of the table changes'
        Files.writeString(pulses, new String(original).replaceFirst(/(\d)\n/, '7\n'))
        def edited = flow.run('resume', 'cv', '--dry-run')

        then:
        edited.out.contains('stage convolve: 2 tasks, 0 done, 2 to run')
        edited.out.contains('config changed: data/pulse_response.csv: 0-1')

        when: 'an input file is touched, its content unchanged'
        Files.write(pulses, original)
        def input = launch.resolve('data/pixel_clusters_d00002.out.gz')
        Files.setLastModifiedTime(input, FileTime.fromMillis(System.currentTimeMillis() + 10_000))
        def touched = flow.run('resume', 'cv')

        then:
        touched.exit == 0
        touched.out.contains('touched, same content: data/pixel_clusters_d00002.out.gz: 1')
        touched.out.contains('stage convolve: 2 tasks, 2 done, 0 to run')
    }

    def "new inputs that sort in among processed ones run alone; a removed one is reported and kept"() {
        given:
        def runs = Files.createDirectories(launch.resolve('xtc'))
        ['r0010', 'r0011'].each { Files.writeString(runs.resolve(it), it) }
        def file = launch.resolve('auto.flow')
        Files.writeString(file, """
            stage('status') { inputs files('xtc/r*'); step exec('cat \${inputs} > \${outDir}/s.txt') }
        """.stripIndent())
        flow.run('run', file.toString(), '--run-name', 'auto')

        when:
        Files.writeString(runs.resolve('r0009'), 'r0009')
        Files.delete(runs.resolve('r0011'))
        def dry = flow.run('resume', 'auto', '--dry-run')

        then:
        dry.out.contains('stage status: 2 tasks, 1 done, 1 to run, 1 removed (kept, not run)')
        dry.out.contains('missing: 2')
        dry.out.contains('removed: xtc/r0011: 1')

        when:
        def resumed = flow.run('resume', 'auto')
        def status = flow.run('status', 'auto')

        then:
        resumed.exit == 0
        Files.readString(launch.resolve('.flow/runs/auto/stages/status/tasks/2/out/s.txt')) == 'r0009'
        Files.readString(launch.resolve('.flow/runs/auto/stages/status/tasks/1/out/s.txt')) == 'r0011'
        status.exit == 0
        status.out.contains('REMOVED')
        flow.run('log', 'auto', 'status').out.contains('status[1]  removed (done)')
    }

    def "resume takes corrected parameters and resources, and the ledger records them"() {
        given:
        def file = launch.resolve('p.flow')
        Files.writeString(file, """
            params { x = 1 }
            stage('s') { scan i: [1, 2]; step exec('[ \${params.x} -gt 1 ] && echo \${params.x} > \${outDir}/x') }
        """.stripIndent())
        def first = flow.run('run', file.toString(), '--run-name', 'p')

        when:
        def resumed = flow.run('resume', 'p', '--param', 'x=5', '--time', '30m')
        def ledger = Files.readString(launch.resolve('.flow/runs/p/ledger.jsonl'))

        then:
        first.exit == 1
        resumed.exit == 0
        Files.readString(launch.resolve('.flow/runs/p/stages/s/tasks/0/out/x')).trim() == '5'
        ledger.contains('"changes":{"params":{"x":"5"},"resources":{"time":"30m"}}')
        Files.readString(launch.resolve('.flow/runs/p/run.json')).contains('"time": "30m"')

        when: 'a later resume keeps the correction'
        def again = flow.run('resume', 'p', '--dry-run')

        then:
        again.out.contains('stage s: 2 tasks, 2 done, 0 to run')
    }

    def "a lock from another host: resume says how to take over, cancel signals nothing, --force-unlock works once the lease expired"() {
        given:
        def file = launch.resolve('l.flow')
        Files.writeString(file, "stage('s') { step exec('true') }\n")
        flow.run('run', file.toString(), '--run-name', 'l')
        def bystander = new ProcessBuilder('sleep', '30').start()
        def lock = launch.resolve('.flow/runs/l/lock')
        def foreignLock = { String renewed ->
            Files.writeString(lock, """{"host":"elsewhere.example","pid":${bystander.pid()},"started":"2026-01-01T00:00:00Z","token":"t","renewed":"$renewed"}""")
        }

        when: 'its lease is fresh'
        foreignLock(java.time.Instant.now().toString())
        def resume = flow.run('resume', 'l')
        def cancel = flow.run('cancel', 'l')
        def forced = flow.run('resume', 'l', '--force-unlock')

        then:
        resume.exit == 1
        resume.err.contains('held by pid ' + bystander.pid() + ' on elsewhere.example')
        resume.err.contains('--force-unlock')
        cancel.exit != 0
        cancel.err.contains('runs on elsewhere.example: cancel it there')
        bystander.alive
        forced.exit == 1
        Files.exists(lock)

        when: 'its lease expired'
        foreignLock(java.time.Instant.now().minusSeconds(600).toString())
        def stale = flow.run('resume', 'l')
        def taken = flow.run('resume', 'l', '--force-unlock')

        then:
        stale.exit == 1
        stale.err.contains('has not renewed its lease')
        taken.exit == 0
        taken.out.contains('removed the lock of pid ' + bystander.pid() + ' on elsewhere.example')
        !Files.exists(lock)
        bystander.alive

        cleanup:
        bystander?.destroy()
    }

    def "a cancel never signals a process that only shares the head's pid"() {
        given:
        def file = launch.resolve('c.flow')
        Files.writeString(file, "stage('s') { step exec('true') }\n")
        flow.run('run', file.toString(), '--run-name', 'c')
        def bystander = new ProcessBuilder('sleep', '30').start()
        Files.writeString(launch.resolve('.flow/runs/c/lock'),
                """{"host":"${InetAddress.localHost.hostName}","pid":${bystander.pid()},"started":"2020-01-01T00:00:00Z","token":"t"}""")

        when:
        def cancel = flow.run('cancel', 'c')

        then:
        cancel.out.contains('is not running')
        bystander.alive

        cleanup:
        bystander?.destroy()
    }

    def "reserved and malformed run names are refused before anything is written"() {
        when:
        def file = launch.resolve('n.flow')
        Files.writeString(file, "stage('s') { step exec('true') }\n")
        def result = flow.run('run', file.toString(), '--run-name', name)

        then:
        result.exit == 2
        result.err.contains('run name')
        !Files.exists(launch.resolve('.flow/runs').resolve('latest')) || !Files.isDirectory(launch.resolve('.flow/runs/latest'))

        where:
        name << ['latest', 'a\nb', '../x']
    }
}
