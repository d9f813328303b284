package flow.e2e

import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/** How an exec command runs, through the CLI: strict bash, in the task's own directory, from a script file. */
class ExecShellSpec extends Specification {
    Path launch = Files.createTempDirectory('flow exec')
    FlowCli flow = new FlowCli(launch, [:])

    Path write(String name, String text) {
        Files.writeString(launch.resolve(name), text.stripIndent())
    }

    def "a failing stage of a pipe fails the task (bash -euo pipefail), unless the stage's shell says otherwise"() {
        given:
        def file = write('strict.flow', """
            stage('strict') { step exec('cat /nonexistent | sort > \${outDir}/s.txt') }
            stage('lenient') { shell 'bash'; step exec('cat /nonexistent | sort > \${outDir}/s.txt') }
            """)

        when:
        def run = flow.run('run', file.toString(), '--run-name', 's')

        then:
        run.exit == 1
        run.out.contains('strict[0] failed: exit 1')
        Files.exists(launch.resolve('.flow/runs/s/stages/lenient/tasks/0/out/s.txt'))
        !Files.exists(launch.resolve('.flow/runs/s/stages/strict/tasks/0/out'))
    }

    def "a command runs in its task's output directory: relative outputs are its outputs, the launch directory is \${launchDir}"() {
        given:
        def file = write('where.flow', """
            stage('s') { scan i: [1, 2]; step exec('pwd > where.txt; echo \${i} > \${launchDir}/seen-\${i}'); outputs 'where.txt' }
            """)

        when:
        def run = flow.run('run', file.toString(), '--run-name', 'w')

        then:
        run.exit == 0
        (0..1).every {
            Files.readString(launch.resolve(".flow/runs/w/stages/s/tasks/$it/out/where.txt")).strip()
                    .endsWith("/.flow/runs/w/stages/s/tasks/$it/out.tmp-1")
        }
        !Files.exists(launch.resolve('where.txt'))
        Files.readString(launch.resolve('seen-2')).strip() == '2'
    }

    def "a task with 100,000 inputs runs: the command is a script file, not one argument of bash -c"() {
        given:
        def dir = Files.createDirectories(launch.resolve('many'))
        (1..100_000).each { Files.createFile(dir.resolve(String.format('input-file-%06d.dat', it))) }
        def file = write('many.flow', """
            stage('count') { inputs files('many/*.dat'); group 'all'; step exec('printf "%s\\\\n" \${inputs} | wc -l > \${outDir}/n.txt') }
            """)

        when:
        def run = flow.run('run', file.toString(), '--run-name', 'm')

        then:
        run.exit == 0
        Files.readString(launch.resolve('.flow/runs/m/stages/count/tasks/0/out/n.txt')).strip() == '100000'
        Files.size(launch.resolve('.flow/runs/m/stages/count/tasks/0/command.sh')) > 131072
    }
}
