package flow.e2e

import flow.bench.EngineBench
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * Reports and traces as a user gets them: every run leaves report.html and trace.tsv; the report
 * is opened in a real headless Chromium (Debian's), its DOM checked after its scripts ran and a
 * screenshot checked not blank. Tasks here allocate memory and burn CPU so that what they used
 * is measurable against what they asked for.
 */
class ReportSpec extends Specification {
    Path launch = Files.createTempDirectory('flow report "r"')
    Path sbatchLog = launch.resolve('sbatch.log')

    static final String PIPELINE = '''
        stage('make') {
            scan n: [1, 2, 3]
            memory '300m'
            retry 1, on: ['step_error']
            step exec('[ "${n}" != 2 ] || [ -e ${taskDir}/tried ] || { touch ${taskDir}/tried; exit 3; }; python3 ${launchDir}/burn.py ${n} > ${outDir}/v')
        }
        stage('sum') { dependsOn 'make'; inputs outputsOf('make'); cleanup 'make'; step exec('cat ${inputs} > ${outDir}/all') }
    '''

    /** Holds n × 40 MB and keeps a CPU busy for 0.6 s (or the seconds of a second argument). */
    static final String BURN = '''
        import sys, time
        held = bytearray(int(sys.argv[1]) * 40 * 1024 * 1024)
        for i in range(0, len(held), 4096): held[i] = 1
        t = time.time()
        while time.time() - t < (float(sys.argv[2]) if len(sys.argv) > 2 else 0.6): pass
        print(sys.argv[1])
    '''

    def setup() {
        Chromium.require()
        Files.writeString(launch.resolve('burn.py'), BURN.readLines()*.trim().findAll().join('\n') + '\n')
        Files.writeString(launch.resolve('p.flow'), PIPELINE.stripIndent())
    }

    List<Map<String, String>> trace(String run) {
        def lines = Files.readAllLines(launch.resolve(".flow/runs/${run}/trace.tsv"))
        def header = lines[0].split('\t')
        lines.drop(1).collect { line -> [header, line.split('\t', -1)].transpose().collectEntries() }
    }

    void checkReport(Path report, List<Map<String, String>> rows) {
        String dom = Chromium.dom(report)
        assert (dom =~ /<tr class="stage"/).size() == 2
        assert dom.contains('id="run-state">done<')
        assert dom.contains("data-bars=\"${rows.count { it.start }}\"") // an attempt that never started has no bar
        assert (dom =~ /<g class="node">/).size() == 2
        assert (dom =~ /class="edge cleanup"/).size() == 1
        assert dom.contains("${rows.size()} of ${rows.size()} attempts")
        assert dom =~ /<tr><td>step_error<\/td><td>1<\/td><td>0<\/td><\/tr>/
        assert (dom =~ /data-render-ms="\d+"/).find()
        assert Chromium.inkedPixels(Chromium.screenshot(report, launch.resolve("report.png"))) > 5_000
    }

    def "a local run leaves a trace of every attempt with what it used, and a report Chromium renders"() {
        when:
        def result = new FlowCli(launch).run('run', 'p.flow', '--run-name', 'l')
        def rows = trace('l')
        def make = rows.findAll { it.stage == 'make' }

        then:
        result.exit == 0
        rows.size() == 5
        make.find { it.task == 'make[1]' && it.attempt == '1' }.subMap(['state', 'class', 'exit']) == [state: 'failed', class: 'step_error', exit: '3']
        make.find { it.task == 'make[1]' && it.attempt == '2' }.state == 'done'
        make.every { it.requested_mb == '300' }
        // held memory is measured (n × 40 MB and the interpreter), and the busy loop's CPU
        (make.find { it.task == 'make[2]' }.peak_rss_mb as int) >= 120
        make.findAll { it.state == 'done' }.every { (it.cpu as double) >= 0.3 && (it.duration as double) >= 0.6 }

        and:
        checkReport(launch.resolve('.flow/runs/l/report.html'), rows)
    }

    def "a SLURM run's trace names each attempt's job, with what the task used inside it; its report renders"() {
        given:
        SlurmCluster.require()
        def flow = new FlowCli(launch, [PATH: "${SlurmCluster.sbatchShim(launch.resolve('shim'), sbatchLog)}:${System.getenv('PATH')}".toString()])

        when:
        def result = flow.run('run', 'p.flow', '--executor', 'slurm', '--run-name', 's')
        def rows = trace('s')

        then: 'sum waited on make by afterok: when make[1] failed, SLURM ended it (blocked), and it ran again with make[1]'
        result.exit == 0
        rows.size() == 6
        rows.find { it.task == 'sum[0]' && it.attempt == '1' }.subMap(['state', 'class', 'start']) ==
                [state: 'blocked', class: 'dependency_never_satisfied', start: '']
        rows.every { it.job ==~ /\d+/ }
        rows.findAll { it.start }.every { it.node && it.submit <= it.start }
        (rows.find { it.task == 'make[2]' }.peak_rss_mb as int) >= 120
        rows.findAll { it.stage == 'make' }.every { it.requested_mb == '300' }
        checkReport(launch.resolve('.flow/runs/s/report.html'), rows)
    }

    def "a task whose job lost its wrapper has what it used in the trace all the same: SLURM's accounting (sacct) measured it"() {
        given: 'a step that holds 200 MB for 2.5 s (SLURM samples every second here), then kills its task wrapper as the kernel\'s OOM killer would'
        SlurmCluster.require()
        Files.writeString(launch.resolve('lost.flow'), """
            stage('lost') {
                memory '500m'
                step exec('python3 \${launchDir}/burn.py 5 2.5 > \${outDir}/v; kill -9 \$PPID')
            }
        """.stripIndent())

        when:
        def result = new FlowCli(launch).run('run', 'lost.flow', '--executor', 'slurm', '--run-name', 'k')
        def row = trace('k').find { it.task == 'lost[0]' }

        then: 'no result was written, yet the attempt has its node, times, CPU and peak memory'
        result.exit != 0
        !Files.exists(launch.resolve('.flow/runs/k/stages/lost/tasks/0/result.json'))
        row.state == 'failed'
        row.job ==~ /\d+/
        row.node && row.start && row.end && (row.duration as double) >= 2.5
        (row.peak_rss_mb as int) >= 200
        (row.cpu as double) >= 2
        row.requested_mb == '500'
    }

    def "flow report of a run of 100,000 attempts is one file whose table and timeline Chromium renders"() {
        given: 'a run of 100,001 tasks laid out with a trace of one attempt each, as a head would have left it'
        EngineBench.tracedRun(launch, 100_000)

        when:
        def made = new FlowCli(launch).run('report', 'big', '-o', 'big.html')
        String dom = Chromium.dom(launch.resolve('big.html'))

        then:
        made.exit == 0
        Files.size(launch.resolve('big.html')) < 20_000_000
        dom.contains('100000 of 100000 attempts')
        dom.contains('data-bars="100000"')
        (dom =~ /class="row"/).size() < 100 // only the rows in view are in the page
        dom.contains('100001: 100000 done, 0 failed, 0 cancelled, 1 not run')
        Chromium.inkedPixels(Chromium.screenshot(launch.resolve('big.html'), launch.resolve('big.png'))) > 20_000
    }

    def "flow dag draws the stage graph as SVG without Graphviz, and writes dot for those who have it"() {
        when:
        def svg = new FlowCli(launch).run('dag', 'p.flow', '--format', 'svg')
        def dot = new FlowCli(launch).run('dag', 'p.flow', '--format', 'dot')
        def wrong = new FlowCli(launch).run('dag', 'p.flow', '--format', 'png')
        Files.writeString(launch.resolve('dag.svg'), svg.out)

        then:
        svg.exit == 0
        (svg.out =~ /<g class="node">/).size() == 2
        svg.out.contains('class="edge cleanup"')
        Chromium.dom(launch.resolve('dag.svg')).contains('make')
        dot.out.contains('s0 -> s1;') && dot.out.contains('s1 -> s0 [style=dashed')
        wrong.exit == 2
        wrong.err.contains('--format png: expected one of mermaid, dot, svg')
    }
}
