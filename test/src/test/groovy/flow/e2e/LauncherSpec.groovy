package flow.e2e

import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * The `flow` launcher script itself, as a user starts it: a resume first looks in a JVM that
 * compiles with C1 alone and ends there when nothing is to run; with tasks to run, the launcher
 * starts a JVM with C2 for them. Each JVM prints its final flags (-XX:+PrintFlagsFinal), which
 * says how many ran and how each compiled; a task records its head's command line.
 */
class LauncherSpec extends Specification {
    Path launch = Files.createTempDirectory('flow-launcher')
    FlowCli flow = FlowCli.launcherScript(launch, [FLOW_JAVA_OPTS: '-XX:+UseSerialGC -XX:+PrintFlagsFinal'])

    /** The highest tier each JVM the command started compiled with, in order. */
    private static List<Integer> tiers(FlowCli.Result r) {
        (r.out =~ /intx TieredStopAtLevel\s+=\s+(\d+)/).collect { it[1] as int }
    }

    private static String flowOutput(FlowCli.Result r) {
        r.out.readLines().findAll { !it.startsWith(' ') && !it.startsWith('[Global flags]') }.join('\n')
    }

    def "a resume with nothing to run ends in its C1 look; one with tasks to run runs them in a JVM with C2 and says its plan once"() {
        given:
        Files.createDirectories(launch.resolve('data'))
        ['a', 'b'].each { Files.writeString(launch.resolve("data/${it}.txt"), it) }
        Files.writeString(launch.resolve('p.flow'), '''
            stage('copy') { inputs files('data/*'); step exec('cp ${inputs} ${outDir}/ && ps -o args= -p $PPID > ${outDir}/head.txt') }
        '''.stripIndent())
        def first = flow.run('run', 'p.flow', '--run-name', 'r')

        expect:
        first.exit == 0
        tiers(first) == [4]

        when: 'a new input: one task to run'
        Files.writeString(launch.resolve('data/c.txt'), 'c')
        def more = flow.run('resume', 'r')
        def head = Files.readString(launch.resolve('.flow/runs/r/stages/copy/tasks/2/out/head.txt'))

        then:
        more.exit == 0
        tiers(more) == [1, 4]
        flowOutput(more).count('stage copy: 3 tasks, 2 done, 1 to run') == 1
        head.contains('flow.cli.Main resume r') && !head.contains('TieredStopAtLevel') && !head.contains('flow.lookFirst')

        when: 'nothing to run'
        def none = flow.run('resume', 'r')

        then:
        none.exit == 0
        tiers(none) == [1]
        flowOutput(none).count('stage copy: 3 tasks, 3 done, 0 to run') == 1
        flowOutput(none).contains('run r: every task DONE')
    }
}
