package flow.e2e

import spock.lang.Specification
import spock.lang.Unroll

import java.nio.file.Files
import java.nio.file.Path

/**
 * The live display as a user sees it: flow run on a terminal of 80 columns (script(1) gives it
 * a pseudo-terminal, stty sets its size), its output replayed onto a screen ({@link ScreenReplay})
 * on each executor: lines fit the width, a failure line stays above the redrawn block, each
 * stage shows its state, elapsed time and an estimate.
 */
class LiveDisplaySpec extends Specification {
    static final int COLUMNS = 80

    static String pipeline() {
        """
            stage('a_stage_with_a_rather_long_name_indeed') {
                scan i: [0, 1, 2, 3, 4, 5]
                step exec('sleep 1; if [ \${i} = 2 ]; then echo "boom: a message long enough to need more than one line of eighty columns" >&2; exit 3; fi; touch \${outDir}/x')
            }
            stage('b') { dependsOn 'a_stage_with_a_rather_long_name_indeed'; inputs outputsOf('a_stage_with_a_rather_long_name_indeed'); step exec('cat \${inputs} > \${outDir}/y') }
        """.stripIndent()
    }

    /** flow run on a terminal of {@link #COLUMNS} columns; what the terminal shows at the end. */
    static List<String> runOnTerminal(Path launch, Map<String, String> environment, String... args) {
        def java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        def flow = [java, "-Dflow.home=${System.getProperty('flow.home')}", '-cp', System.getProperty('java.class.path'), 'flow.cli.Main'] + args.toList()
        def command = "stty cols ${COLUMNS} rows 40; exec ${flow.collect { flow.util.Shell.quote(it.toString()) }.join(' ')}"
        def builder = new ProcessBuilder('script', '-qec', command, '/dev/null').directory(launch.toFile()).redirectErrorStream(true)
        builder.environment().putAll(environment)
        builder.environment().put('TERM', 'xterm')
        def p = builder.start()
        p.outputStream.close()
        String output = p.inputStream.getText('UTF-8')
        p.waitFor()
        ScreenReplay.screen(output, COLUMNS)
    }

    static void assertDisplay(List<String> screen) {
        assert screen.every { it.length() <= COLUMNS }: screen.join('\n')
        def failure = screen.findIndexValues { it.startsWith('a_stage_with_a_rather_long_name_indeed[2] failed: exit 3') }
        def block = screen.findIndexOf { it.startsWith('FAILED  a_stage_with') }
        assert failure.size() == 1: screen.join('\n')
        assert block > failure[0]: screen.join('\n')
        assert screen[block] =~ /5\/6 done, 1 failed/
        assert screen[block] =~ / · \d+s/
        assert screen.find { it =~ /^blocked +b +\[\.+\] 0\/1 done, 1 blocked/ }: screen.join('\n')
    }

    /** The same states in flow status: the task downstream of the failure is blocked there too, not pending. */
    static void assertStatus(Path launch, Map<String, String> environment, String run) {
        def status = new FlowCli(launch, environment).run('status', run)
        assert status.exit == 1
        def row = { String stage -> status.out.readLines().find { it.startsWith(stage + ' ') }.split(/\s+/)[1..7] }
        // TASKS DONE RUNNING FAILED BLOCKED CANCELLED PENDING
        assert row('a_stage_with_a_rather_long_name_indeed') == ['6', '5', '0', '1', '0', '0', '0']: status.out
        assert row('b') == ['1', '0', '0', '0', '1', '0', '0']: status.out
        assert new FlowCli(launch, environment).run('log', run, 'b').out.startsWith('b[0]  blocked (an upstream task failed)')
    }

    def "local: the display fits 80 columns, keeps the failure above the block, shows state, time and counts"() {
        given:
        Path launch = Files.createTempDirectory('flow-live')
        Files.writeString(launch.resolve('p.flow'), pipeline())

        when:
        def screen = runOnTerminal(launch, [:], 'run', 'p.flow', '--run-name', 'l', '--max-parallel', '2')

        then:
        assertDisplay(screen)
        assertStatus(launch, [:], 'l')
    }

    def "SLURM: failure lines are printed above the redrawn block, not erased by it"() {
        given:
        SlurmCluster.require()
        Path launch = Files.createTempDirectory('flow-live')
        Files.writeString(launch.resolve('p.flow'), pipeline())

        when:
        def screen = runOnTerminal(launch, [:], 'run', 'p.flow', '--run-name', 's', '--executor', 'slurm')

        then:
        assertDisplay(screen)
        assertStatus(launch, [:], 's')
    }

    def "HTCondor stand-ins: the same display"() {
        given:
        Path launch = CondorStandIns.launchDir('live')
        Files.writeString(launch.resolve('p.flow'), pipeline())
        def env = CondorStandIns.environment(Files.createDirectories(launch.resolve('condor-home')), CondorStandIns.CLASSAD_NOTES)

        when:
        def screen = runOnTerminal(launch, env, 'run', 'p.flow', '--run-name', 'c', '--executor', 'condor')

        then:
        assertDisplay(screen)
        assertStatus(launch, env, 'c')
    }
}
