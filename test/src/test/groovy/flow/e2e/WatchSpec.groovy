package flow.e2e

import groovy.json.JsonSlurper
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.util.concurrent.TimeUnit

/**
 * {@code flow watch} on the shipped pixel-status example, as the hourly cron it replaces runs it:
 * detector runs appear, disappear and fail between ticks. The detector command is the example's
 * own stand-in (psana cannot be installed here), wrapped so that each call is logged; on SLURM
 * a logging {@code sbatch} counts what each tick submits.
 */
class WatchSpec extends Specification {
    static final Path HOME = Path.of(System.getProperty('flow.home'))
    static final Path PIXEL_STATUS = HOME.resolve('workflows/pipelines/pixel-status.flow')
    static final Path STANDIN = HOME.resolve('workflows/standin/pixel_status')

    Path launch = Files.createTempDirectory('flow-watch')
    Path calls = launch.resolve('calls.log')
    FlowCli flow = new FlowCli(launch)

    /** Makes finished runs {@code xtc/<experiment>/r<NNNN>/} with the example's own script. */
    void makeRuns(String experiment, Integer... runs) {
        def make = new ProcessBuilder([STANDIN.resolve('make-runs.sh').toString(), 'xtc', experiment] + runs*.toString())
                .directory(launch.toFile()).inheritIO().start()
        assert make.waitFor() == 0
    }

    /** The example's tools, its detector command wrapped to log each call as {@code <exp>:r<NNNN>} (and to take {@code seconds}). */
    Path tools(int seconds = 0) {
        Path dir = Files.createDirectories(launch.resolve('tools'))
        Files.createSymbolicLink(dir.resolve('summarize.sh'), STANDIN.resolve('summarize.sh'))
        Path detector = dir.resolve('det_ndarr_data_status')
        Files.writeString(detector, "#!/bin/bash\nprintf '%s:r%s\\n' \"\$2\" \"\$4\" >> '${calls}'\nsleep ${seconds}\n"
                + "exec '${STANDIN.resolve('det_ndarr_data_status')}' \"\$@\"\n")
        Files.setPosixFilePermissions(detector, PosixFilePermissions.fromString('rwxr-xr-x'))
        dir
    }

    List<String> calls() {
        Files.exists(calls) ? Files.readAllLines(calls) : []
    }

    /** The tools every watch of a spec uses: made at the first watch unless the spec made them first. */
    private Path toolsDir

    String[] watch(Path file = PIXEL_STATUS, String... more) {
        (['watch', file.toString(), '--param', "tools=${toolsDir ?: (toolsDir = tools())}".toString()] + more.toList()) as String[]
    }

    /** {@code flow datasets --format tsv} as {@code name → [state, failure, last attempt, log]}. */
    Map<String, List<String>> datasets(String... more) {
        def listed = flow.run(*(['datasets', 'pixel-status', '--format', 'tsv'] + more.toList()))
        assert listed.exit == 0: listed
        def lines = listed.out.readLines()
        assert lines[0] == 'dataset\tstate\tfailure\tlast_attempt\tlog'
        lines.drop(1).collectEntries { line -> def f = line.split('\t'); [f[0], f.drop(1).toList()] }
    }

    /** A copy of the example with some of its lines changed. */
    Path variant(Map<String, String> replacements) {
        String text = Files.readString(PIXEL_STATUS).replace('"${projectDir}/../standin/pixel_status"', "'${STANDIN}'")
        replacements.each { from, to ->
            assert text.contains(from)
            text = text.replace(from, to)
        }
        Files.writeString(launch.resolve('pixel-status.flow'), text)
    }

    def "watch --once processes the runs there; the next tick runs exactly the two new ones and lists the removed one, which comes back unchanged"() {
        given:
        makeRuns('xpptut15', 1, 2, 3)

        when:
        def first = flow.run(watch('--once'))

        then:
        first.exit == 0
        calls().sort() == ['xpptut15:r0001', 'xpptut15:r0002', 'xpptut15:r0003']
        datasets().collectEntries { name, f -> [name, f[0]] } == ['xpptut15:r0001': 'done', 'xpptut15:r0002': 'done', 'xpptut15:r0003': 'done']

        when: 'two runs land (one of another experiment in the list) and one is moved away'
        makeRuns('xpptut15', 4)
        makeRuns('mfxlx4', 7)
        def moved = Files.move(launch.resolve('xtc/xpptut15/r0002'), Files.createDirectories(launch.resolve('archive')).resolve('r0002'))
        Files.writeString(calls, '')
        def second = flow.run(watch('--once'))
        def removed = datasets('--state', 'removed')
        def summary = launch.resolve('.flow/runs/pixel-status/stages/summary/tasks/1/out/summary.tsv')

        then:
        second.exit == 0
        calls() as Set == ['xpptut15:r0004', 'mfxlx4:r0007'] as Set
        calls().size() == 2
        removed.keySet() == ['xpptut15:r0002'] as Set
        Files.readString(summary) == 'xpptut15\t0002\t41\n'
        datasets().findAll { it.value[0] == 'done' }.keySet() == ['mfxlx4:r0007', 'xpptut15:r0001', 'xpptut15:r0003', 'xpptut15:r0004'] as Set

        when: 'the run comes back from the archive as it was'
        Files.move(moved, launch.resolve('xtc/xpptut15/r0002'))
        Files.writeString(calls, '')
        def third = flow.run(watch('--once'))

        then: 'it is done again, and nothing ran'
        third.exit == 0
        calls() == []
        datasets().values()*.get(0) as Set == ['done'] as Set

        when:
        def stats = flow.run('datasets', 'pixel-status', '--stats', '--by', 'experiment')
        def json = new JsonSlurper().parseText(flow.run('datasets', '--format', 'json').out)

        then:
        stats.out.readLines()[0].split(/\s+/) == ['EXPERIMENT', 'DATASETS', 'DONE', 'FAILED', 'RUNNING', 'PENDING', 'REMOVED']
        stats.out.readLines().drop(1)*.split(/\s+/)*.toList() == [['mfxlx4', '1', '1', '0', '0', '0', '0'], ['xpptut15', '4', '4', '0', '0', '0', '0']]
        json.find { it.dataset == 'mfxlx4:r0007' }.values == [experiment: 'mfxlx4', run: '0007']
    }

    def "a failed run is listed failed with its class and waits; it runs again only when its data change, or at once if its class is retried"() {
        given:
        makeRuns('xpptut15', 1)
        makeRuns('mfxlx4', 7)
        Files.createFile(launch.resolve('xtc/mfxlx4/r0007/BAD'))
        def file = variant([:])

        when:
        def first = flow.run(watch(file, '--once'))
        def failed = datasets('--state', 'failed')

        then: 'the stand-in exits 3 on a run holding BAD: a step error, which the stage does not retry'
        first.exit == 1
        calls() as Set == ['xpptut15:r0001', 'mfxlx4:r0007'] as Set
        failed.keySet() == ['mfxlx4:r0007'] as Set
        failed['mfxlx4:r0007'][1] == 'exit 3'
        Files.readString(Path.of(failed['mfxlx4:r0007'][3])).contains('mfxlx4 run 0007: cannot read')

        when: 'the next tick: nothing changed'
        Files.writeString(calls, '')
        def second = flow.run(watch(file, '--once'))

        then: 'it is left failed, and says so'
        calls() == []
        second.out.contains('1 left failed')
        datasets('--state', 'failed').keySet() == ['mfxlx4:r0007'] as Set

        when: 'the data are mended: one file rewritten, the marker of bad data gone'
        Files.delete(launch.resolve('xtc/mfxlx4/r0007/BAD'))
        Files.writeString(launch.resolve('xtc/mfxlx4/r0007/mfxlx4-r0007-s00.xtc'), '1\n2\n3\n')
        def third = flow.run(watch(file, '--once'))

        then:
        third.exit == 0
        calls() == ['mfxlx4:r0007']
        datasets()['mfxlx4:r0007'][0] == 'done'

        when: 'the stage is made to retry step errors: the next tick runs a failed run again, unchanged'
        variant(['retry 2 ': "retry 1, on: ['step_error'] "])
        makeRuns('mfxlx4', 8)
        Files.createFile(launch.resolve('xtc/mfxlx4/r0008/BAD'))
        Files.writeString(calls, '')
        def fourth = flow.run(watch(file, '--once'))
        def afterFourth = calls()
        def fifth = flow.run(watch(file, '--once'))

        then: 'each tick tries it twice (the first attempt and its retry)'
        fourth.exit == 1 && fifth.exit == 1
        afterFourth == ['mfxlx4:r0008', 'mfxlx4:r0008']
        calls() == ['mfxlx4:r0008'] * 4
        datasets()['mfxlx4:r0008'][0..1] == ['failed', 'exit 3']
    }

    def "a second watch leaves while one holds the run; flow cancel stops a watch, and the next one continues the same run"() {
        given:
        makeRuns('xpptut15', 1)
        def out = new StringBuffer()
        Process continuous = flow.start(watch('--interval', '1h'))
        continuous.consumeProcessOutput(out, out)

        when:
        waitFor(30) { out.toString().contains('next tick at') }
        def second = flow.run(watch('--once'))

        then:
        second.exit == 0
        second.out.contains('watch pixel-status: another watch holds the run (')
        second.out.contains('this one leaves')
        calls() == ['xpptut15:r0001']

        when:
        def cancel = flow.run('cancel', 'pixel-status')

        then:
        cancel.exit == 0
        cancel.out.contains('stopped its watch')
        continuous.waitFor(30, TimeUnit.SECONDS)
        !Files.exists(launch.resolve('.flow/runs/.watch-pixel-status.lock'))

        when:
        makeRuns('xpptut15', 2)
        def next = flow.run(watch('--once'))

        then:
        next.exit == 0
        calls() == ['xpptut15:r0001', 'xpptut15:r0002']
        datasets().keySet() == ['xpptut15:r0001', 'xpptut15:r0002'] as Set
    }

    def "notify: a stand-in sendmail receives each failure (five a tick, then a count), each run done and the end of the tick; a command gets the same events as JSON"() {
        given: 'a stand-in for sendmail first on PATH: it records its arguments and the message it is given'
        Path bin = Files.createDirectories(launch.resolve('bin'))
        Path mails = launch.resolve('mails.log')
        Files.writeString(bin.resolve('sendmail'), "#!/bin/bash\n{ printf 'ARGS %s\\n' \"\$*\"; cat; printf '%s\\n' '--end--'; } >> '${mails}'\n")
        Files.setPosixFilePermissions(bin.resolve('sendmail'), PosixFilePermissions.fromString('rwxr-xr-x'))
        Path events = Files.createDirectories(launch.resolve('events'))
        def file = variant(["maxJobs params.maxJobs\n": """maxJobs params.maxJobs
    notify email: 'ops@example.org', on: ['failure', 'done', 'end']
    notify command: 'cat > "\$(mktemp -p ${events} event.XXXXXX)"', on: ['failure', 'end']
"""])
        def mailing = new FlowCli(launch, [PATH: "${bin}:${System.getenv('PATH')}".toString()])
        makeRuns('xpptut15', 1, 2)
        makeRuns('mfxlx4', 1, 2, 3, 4, 5, 6, 7)
        (1..7).each { Files.createFile(launch.resolve("xtc/mfxlx4/r000${it}/BAD")) }

        when:
        def tick = mailing.run(watch(file, '--once'))
        def messages = Files.readString(mails).split('--end--\n').toList()
        def subjects = messages.collect { m -> m.readLines().find { it.startsWith('Subject: ') } }
        def json = Files.list(events).toList().collect { new JsonSlurper().parse(it.toFile()) }

        then:
        tick.exit == 1
        messages.every { it.startsWith('ARGS -t\n') && it.contains('To: ops@example.org\n') }
        subjects.count { it ==~ /Subject: flow pixel-status: status\[\d\] failed/ } == 5
        subjects.contains('Subject: flow pixel-status: 2 more failures')
        subjects.findAll { it.endsWith(' done') } as Set == ['Subject: flow pixel-status: xpptut15:r0001 done', 'Subject: flow pixel-status: xpptut15:r0002 done'] as Set
        subjects.last() == 'Subject: flow pixel-status: tick ended, failed'
        messages.size() == 9
        json.count { it.event == 'failure' && it.failure == 'exit 3' } == 5
        json.count { it.event == 'failure' && it.more == 2 } == 1
        json.findAll { it.event == 'end' }*.stages*.status*.failed == [7]
        json.every { it.run == 'pixel-status' && it.pipeline == 'pixel-status' }

        when: 'the next tick runs nothing new and fails nothing: only its end is told'
        Files.delete(mails)
        mailing.run(watch(file, '--once'))

        then:
        Files.readString(mails).readLines().findAll { it.startsWith('Subject: ') } == ['Subject: flow pixel-status: tick ended, failed']
    }

    def "SLURM: maxJobs holds across ticks, counted by a logging sbatch; the last tick follows the rest to the end"() {
        given:
        SlurmCluster.require()
        Path sbatchLog = launch.resolve('sbatch.log')
        def slurm = new FlowCli(launch, [PATH: "${SlurmCluster.sbatchShim(launch.resolve('shim'), sbatchLog)}:${System.getenv('PATH')}".toString()])
        toolsDir = tools(8)
        makeRuns('xpptut15', 1, 2, 3, 4, 5)
        def tick = { slurm.run(watch('--once', '--detach', '--executor', 'slurm', '--param', 'maxJobs=4', '--param', 'experiments=xpptut15')) }
        /** Tasks each tick submitted: the sizes of the arrays its sbatch calls asked for. */
        def submitted = { int from -> (Files.exists(sbatchLog) ? Files.readAllLines(sbatchLog).drop(from) : []).sum(0) { line -> arraySize(line) } }

        when: 'the first tick submits two runs (a run is its status task and its summary) and the second, at once, nothing'
        def first = tick()
        int afterFirst = Files.readAllLines(sbatchLog).size()
        def second = tick()
        int afterSecond = Files.readAllLines(sbatchLog).size()

        then:
        first.exit == 0 && second.exit == 0
        first.out.contains('maxJobs 4: 0 tasks with the scheduler, 4 submitted now, 6 wait for a later tick or resume')
        submitted(0) == 4
        second.out.contains('maxJobs 4: 4 tasks with the scheduler, 0 submitted now, 6 wait')
        afterSecond == afterFirst

        when: 'once those have left the scheduler, ticks submit the rest four at most'
        waitFor(120) { !SlurmCluster.jobsNamed('pixel-status') }
        def third = tick()
        int afterThird = Files.readAllLines(sbatchLog).size()

        then:
        third.exit == 0
        submitted(afterSecond) == 4

        when:
        waitFor(120) { !SlurmCluster.jobsNamed('pixel-status') }
        def fourth = tick()
        def last = slurm.run(watch('--once', '--executor', 'slurm', '--param', 'maxJobs=4', '--param', 'experiments=xpptut15'))

        then: 'each task was submitted once, and every run is done'
        fourth.exit == 0 && last.exit == 0
        submitted(afterThird) == 2
        submitted(0) == 10
        calls().sort() == (1..5).collect { String.format('xpptut15:r%04d', it) }
        datasets().values()*.get(0) == ['done'] * 5
    }

    /** The number of tasks an sbatch call submits, from its {@code --array=} (0-1, 0-2%10, 3,5). */
    static int arraySize(String sbatchArguments) {
        def spec = (sbatchArguments =~ /--array=(\S+)/)[0][1].toString().replaceAll(/%\d+$/, '')
        spec.split(',').sum { part -> part.contains('-') ? part.split('-')*.toInteger().with { it[1] - it[0] + 1 } : 1 } as int
    }

    static void waitFor(int seconds, Closure<Boolean> condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds)
        while (!condition()) {
            if (System.nanoTime() > end) throw new AssertionError("not so after ${seconds} s")
            Thread.sleep(250)
        }
    }
}
