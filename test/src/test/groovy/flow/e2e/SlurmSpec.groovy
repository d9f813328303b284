package flow.e2e

import flow.run.Ledger
import spock.lang.Specification
import spock.lang.Stepwise

import java.nio.file.Files
import java.nio.file.Path

/**
 * The SLURM executor against the real single-node cluster of test/slurm/start.sh (which the
 * README's test command starts). Under CI these specs fail, not skip, when SLURM is absent.
 */
class SlurmSpec extends Specification {
    Path launch = Files.createTempDirectory('flow slurm "q"')
    Path sbatchLog = launch.resolve('sbatch.log')
    FlowCli flow

    def setup() {
        SlurmCluster.require()
        def shim = SlurmCluster.sbatchShim(launch.resolve('shim'), sbatchLog)
        flow = new FlowCli(launch, [PATH: "${shim}:${System.getenv('PATH')}".toString()])
    }

    List<String> sbatchCalls() {
        Files.exists(sbatchLog) ? Files.readAllLines(sbatchLog) : []
    }

    Path write(String name, String text) {
        Files.writeString(launch.resolve(name), text.stripIndent())
    }

    def "a 3-stage pipeline with arrays, throttles and a cleanup hook runs to completion with one sbatch per array and per cleanup"() {
        given:
        def file = write('three.flow', '''
            stage('prepare') { scan i: (0..5).toList(); throttle 2; step exec('echo ${i} > ${outDir}/v.txt'); outputs 'v.txt' }
            stage('twin') { dependsOn 'prepare'; inputs outputsOf('prepare'); group 1; step exec('cat ${inputs} > ${outDir}/t.txt') }
            stage('combine') { dependsOn 'twin'; inputs outputsOf('twin'); throttle 1; step exec('cat ${inputs} > ${outDir}/all.txt'); cleanup 'twin' }
        ''')

        when:
        def result = flow.run('run', file.toString(), '--executor', 'slurm', '--run-name', 'three')
        def run = launch.resolve('.flow/runs/three')

        then:
        result.exit == 0
        sbatchCalls().size() == 4
        sbatchCalls()[0].contains('--array=0-5%2')
        sbatchCalls()[1] =~ /--dependency=aftercorr:\d+/
        sbatchCalls()[2].contains('--array=0%1')
        sbatchCalls()[3] =~ /--dependency=afterok:\d+/
        sbatchCalls().every { it.contains('--kill-on-invalid-dep=yes') }
        Files.readAllLines(run.resolve('stages/combine/tasks/0/out/all.txt')) == (0..5)*.toString()
        Files.exists(run.resolve('stages/twin/cleanup.json'))
        !Files.exists(run.resolve('stages/twin/tasks/0/out'))
        Files.list(run.resolve('stages/prepare/logs')).count() == 12
        with(flow.run('status', 'three')) { out.contains('run three (three, slurm): done') && exit == 0 }
        flow.run('cancel', 'three').out.contains('run three: none of its jobs is in the scheduler any more; nothing to cancel')
    }

    def "a failing task cancels its dependents; resume after the fix resubmits only it and its dependents"() {
        given:
        def flag = Files.createFile(launch.resolve('broken.1'))
        def file = write('fail.flow', """
            params { flags = '${launch}' }
            stage('a') { scan i: [0, 1, 2]; step exec('[ ! -e \${params.flags}/broken.\${i} ] && echo \${i} > \${outDir}/a.txt'); outputs 'a.txt' }
            stage('b') { dependsOn 'a'; inputs outputsOf('a'); group 1; step exec('cat \${inputs} > \${outDir}/b.txt') }
            stage('c') { dependsOn 'b'; inputs outputsOf('b'); step exec('cat \${inputs} > \${outDir}/c.txt') }
        """)
        def run = launch.resolve('.flow/runs/f')

        when:
        def first = flow.run('run', file.toString(), '--executor', 'slurm', '--run-name', 'f')
        def ends = Ledger.read(run.resolve('ledger.jsonl')).findAll { it.event == 'task-end' }

        then:
        first.exit == 1
        first.out.contains('a[1] failed: exit 1')
        ends.find { it.stage == 'a' && it.index == 1 }.failure == 'step_error'
        ends.find { it.stage == 'b' && it.index == 1 }.failure == 'dependency_never_satisfied'
        ends.find { it.stage == 'c' && it.index == 0 }.failure == 'dependency_never_satisfied'
        ends.find { it.stage == 'b' && it.index == 0 }.failure == null
        SlurmCluster.states(ends.findAll { it.stage == 'c' }*.jobId).values().every { it.contains('DependencyNeverSatisfied') }

        when:
        Files.delete(flag)
        def before = sbatchCalls().size()
        def doneA0 = Files.getLastModifiedTime(run.resolve('stages/a/tasks/0/result.json'))
        def resumed = flow.run('resume', 'f')
        def calls = sbatchCalls().drop(before)

        then:
        resumed.exit == 0
        calls.size() == 3
        calls[0].contains('--array=1 ') && calls[0].contains('/stages/a/')
        calls[1].contains('--array=1 ') && calls[1].contains('/stages/b/')
        calls[2].contains('--array=0 ') && calls[2].contains('/stages/c/')
        Files.getLastModifiedTime(run.resolve('stages/a/tasks/0/result.json')) == doneA0
        Files.readAllLines(run.resolve('stages/c/tasks/0/out/c.txt')) == ['0', '1', '2']
    }

    def "with --detach the head exits at once, and status later reports the finished run"() {
        given:
        def file = write('detach.flow', "stage('s') { scan i: [1, 2, 3]; step exec('sleep 1; echo \${i} > \${outDir}/x') }\n")

        when:
        def started = System.nanoTime()
        def submit = flow.run('run', file.toString(), '--executor', 'slurm', '--run-name', 'd', '--detach')
        def seconds = (System.nanoTime() - started) / 1e9

        then:
        submit.exit == 0
        submit.out.contains("follow it with 'flow status d'")
        !Files.exists(launch.resolve('.flow/runs/d/lock'))

        when:
        def status = null
        for (int i = 0; i < 120 && !(status?.out?.contains(': done')); i++) {
            Thread.sleep(500)
            status = flow.run('status', 'd')
        }

        then:
        status.out.contains('run d (detach, slurm): done')
        status.out.readLines().find { it.startsWith('s ') }.split(/\s+/)[1..2] == ['3', '3']
    }

    def "a request the cluster rejects is exit 2 (bad input), cancelling what was already submitted"() {
        given:
        def file = write('gpu.flow', '''
            stage('cpu') { step exec('sleep 30') }
            stage('gpu') { dependsOn 'cpu'; step exec('true'); gpus 1 }
        ''')

        when:
        def result = flow.run('run', file.toString(), '--executor', 'slurm', '--run-name', 'g')
        def submitted = Ledger.read(launch.resolve('.flow/runs/g/ledger.jsonl')).findAll { it.event == 'submit' }*.jobId
        def partition = flow.run('run', file.toString(), '--executor', 'slurm', '--run-name', 'p', '--partition', 'nosuch')

        then:
        partition.exit == 2
        partition.err.contains('Invalid partition name specified')
        result.exit == 2
        result.err.contains('the scheduler refused a job')
        result.err.contains('Requested node configuration is not available')
        submitted.size() == 1
        SlurmCluster.states(submitted).values().every { it.startsWith('CANCELLED') }
    }

    def "kill -9 of a following head, then resume, re-attaches to the running jobs instead of resubmitting"() {
        given:
        def file = write('attach.flow', '''
            stage('s') { scan i: [1, 2, 3, 4]; step exec('sleep 3; echo ${i} > ${outDir}/x') }
            stage('t') { dependsOn 's'; inputs outputsOf('s'); step exec('cat ${inputs} > ${outDir}/all') }
        ''')
        def head = flow.start('run', file.toString(), '--executor', 'slurm', '--run-name', 'k')
        head.consumeProcessOutput(new StringBuilder(), new StringBuilder())
        def deadline = System.currentTimeMillis() + 30_000
        while (sbatchCalls().size() < 2 && System.currentTimeMillis() < deadline) Thread.sleep(100)
        Thread.sleep(500)
        head.destroyForcibly()
        head.waitFor()

        when:
        def resumed = flow.run('resume', 'k')

        then:
        sbatchCalls().size() == 2
        resumed.exit == 0
        resumed.out.contains('taking over the lock')
        resumed.out =~ /re-attached to 5 tasks/
        Files.readAllLines(launch.resolve('.flow/runs/k/stages/t/tasks/0/out/all')) == ['1', '2', '3', '4']
    }

    def "an array SLURM accepted while the head died before recording it is found by its name, never submitted twice"() {
        given:
        def file = write('named.flow', "stage('s') { scan i: [1, 2]; step exec('sleep 4; echo \${i} > \${outDir}/x') }\n")
        def submitted = flow.run('run', file.toString(), '--executor', 'slurm', '--run-name', 'n', '--detach')
        def ledger = launch.resolve('.flow/runs/n/ledger.jsonl')
        // the head died between sbatch's answer and the ledger's record of it
        Files.write(ledger, Files.readAllLines(ledger).findAll { !it.contains('"event":"submit"') })

        when:
        def resumed = flow.run('resume', 'n')

        then:
        submitted.exit == 0
        resumed.exit == 0
        resumed.out.contains('found jobs submitted before the head died')
        sbatchCalls().size() == 1
        Ledger.read(ledger).findAll { it.event == 'submit' }.every { it.get('recovered') }
        (0..1).every { Files.exists(launch.resolve(".flow/runs/n/stages/s/tasks/$it/out/x")) }
    }

    def "a task that failed inside an array still running is run again by the first resume"() {
        given:
        def marker = launch.resolve('fixed')
        def file = write('partial.flow', """
            params { marker = '${marker.toString().replace("'", "\\'")}' }
            stage('s') {
                scan i: [1, 2, 3]
                step exec('if [ \${i} = 1 ]; then [ -e \${params.marker} ] || exit 3; else sleep 12; fi; echo \${i} > \${outDir}/x')
            }
        """)
        flow.run('run', file.toString(), '--executor', 'slurm', '--run-name', 'p', '--detach')
        def result = launch.resolve('.flow/runs/p/stages/s/tasks/0/result.json')
        def deadline = System.currentTimeMillis() + 60_000
        while (!Files.exists(result) && System.currentTimeMillis() < deadline) Thread.sleep(200)
        Thread.sleep(1500) // SLURM records the element's end
        Files.writeString(marker, '')

        when:
        def resumed = flow.run('resume', 'p')
        def submits = Ledger.read(launch.resolve('.flow/runs/p/ledger.jsonl')).findAll { it.event == 'submit' }

        then:
        resumed.exit == 0
        resumed.out =~ /re-attached to 2 tasks/
        submits*.get('tasks') == ['0-2', '0']
        Files.readString(launch.resolve('.flow/runs/p/stages/s/tasks/0/out/x')).trim() == '1'
    }

    def "a resource mistake is exit 2 with file and line before any array is submitted: #mistake"() {
        given: 'two stages; the mistake is in the profile of both, or in the second stage only'
        write('profiles.yaml', 'profiles:\n  site:\n    cpus: 1\n    ' + profileLine + '\n')
        def file = write('two.flow', """
            flow { profile 'site' }
            stage('first') { scan i: [1, 2]; step exec('echo \${i} > \${outDir}/v') }
            stage('second') { dependsOn 'first'; step exec('true')
                ${stageLine} }
        """)

        when:
        def result = flow.run(*(['run', file.toString(), '--executor', 'slurm', '--run-name', 'bad'] + options))

        then:
        result.exit == 2
        result.err.contains(message.replace('PROFILES', launch.resolve('profiles.yaml').toString()).replace('FLOW', file.toString()))
        sbatchCalls().isEmpty()
        !Files.exists(launch.resolve('.flow/runs/bad'))

        where:
        mistake                     | profileLine    | stageLine        | options                | message
        'a typo in the profile'     | 'memroy: 4g'   | ''               | []                     | "PROFILES:4: unknown resource 'memroy' (did you mean memory?)"
        'a typo of time'            | 'tiem: 2h'     | ''               | []                     | "PROFILES:4: unknown resource 'tiem' (did you mean time?)"
        'a bad time on stage two'   | 'time: 1h'     | "time 'forever'" | []                     | "FLOW:5: time: expected a time such as 30m, 2h, 1d or 01:30:00, got 'forever'"
        'bad memory on stage two'   | 'time: 1h'     | "memory 'lots'"  | []                     | "FLOW:5: memory: expected an amount of memory such as 512m or 4g, got 'lots'"
        'negative CPUs'             | 'time: 1h'     | 'cpus(-4)'       | []                     | "FLOW:5: cpus: expected a whole number, 1 or more, got '-4'"
        'a bad --time'              | 'time: 1h'     | ''               | ['--time', 'forever']  | "--time: expected a time such as 30m, 2h, 1d or 01:30:00, got 'forever'"
    }

    def "a plain pipeline gets no site's account: s3df's default reaches only s3df's profiles and detectors"() {
        given:
        def file = write('plain.flow', "stage('s') { step exec('true') }\n")
        def s3df = write('s3df.flow', "stage('s') { profile 's3df_milano'; step exec('true') }\n")

        when:
        def plain = flow.run('run', file.toString(), '--executor', 'slurm', '--run-name', 'plain', '--detach')
        def site = flow.run('run', s3df.toString(), '--executor', 'slurm', '--run-name', 'site', '--partition', 'debug', '--mem-per-cpu', '100m', '--detach')
        flow.run('cancel', 'site')

        then:
        plain.exit == 0
        !script('plain').contains('--account')
        script('site').contains('#SBATCH --account=neutrino:ml-dev')
    }

    def "a dry run shows the job scripts a submission writes, byte for byte, and writes nothing"() {
        given:
        def file = write('dry.flow', """
            stage('a') { scan i: [1, 2]; step exec('echo \${i} > \${outDir}/v') }
            stage('b') { dependsOn 'a'; inputs outputsOf('a'); step exec('cat \${inputs} > \${outDir}/all'); cleanup 'a' }
        """)

        when:
        def dry = flow.run('run', file.toString(), '--executor', 'slurm', '--run-name', 'dry', '--dry-run')
        def nothingWritten = !Files.exists(launch.resolve('.flow'))
        def real = flow.run('run', file.toString(), '--executor', 'slurm', '--run-name', 'dry')
        def written = Files.walk(launch.resolve('.flow/runs/dry')).withCloseable { files ->
            files.filter { it.toString().endsWith('.sbatch') }.sorted().toList()
        }

        then:
        dry.exit == 0 && nothingWritten && sbatchCalls().size() == 3
        real.exit == 0
        written*.fileName*.toString() as Set == ['a.sbatch', 'b.sbatch', 'cleanup-a.sbatch'] as Set
        written.every { path ->
            dry.out.contains("== ${launch.resolve('.flow/runs/dry').relativize(path)}\n${Files.readString(path)}".toString())
        }
    }

    def "flow log shows each attempt's SLURM logs by the job ids in the ledger, and says when one is gone"() {
        given: 'task 1 fails its first attempt (stderr: boom) and succeeds on the retry'
        def file = write('logs.flow', """
            params { marker = '${launch}/second' }
            stage('s') { scan i: [0, 1]; retry 1, on: ['step_error']
                step exec('echo out-\${i}; if [ \${i} = 1 ] && [ ! -e \${params.marker} ]; then touch \${params.marker}; echo boom >&2; exit 3; fi') }
        """)

        when:
        def run = flow.run('run', file.toString(), '--executor', 'slurm', '--run-name', 'logs')
        def log = flow.run('log', 'logs', 's', '1')

        then:
        run.exit == 0
        log.exit == 0
        log.out =~ /== stderr, attempt 1 \(.*\/stages\/s\/logs\/s_\d+_1\.err\)\nboom\n/
        log.out =~ /== stdout, attempt 2 \(.*\/stages\/s\/logs\/s_\d+_1\.out\)\nout-1\n/
        log.out.contains('attempt 2 on ')

        when: 'the first attempt\'s stderr is deleted'
        Files.delete(Path.of((log.out =~ /== stderr, attempt 1 \((.*)\)/)[0][1] as String))

        then:
        flow.run('log', 'logs', 's', '1').out =~ /== stderr, attempt 1 \(.*\): log gone/
    }

    String script(String run) {
        Files.walk(launch.resolve(".flow/runs/$run")).withCloseable { files ->
            Files.readString(files.filter { it.toString().endsWith('.sbatch') }.findFirst().get())
        }
    }
}
