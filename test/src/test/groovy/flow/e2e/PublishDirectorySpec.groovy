package flow.e2e

import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/** publish to a local directory, as a user writes it: with a cleanup hook, names made by as:, links, and a target that exists. */
class PublishDirectorySpec extends Specification {
    Path launch = Files.createTempDirectory('flow-publish')
    FlowCli flow = new FlowCli(launch)

    Path pipeline(String publish) {
        Files.writeString(launch.resolve('p.flow'), """
stage('make') {
    scan n: [1, 2]
    step exec('echo \${n} > \${outDir}/part.txt')
    outputs 'part.txt'
    ${publish}
}
stage('sum') {
    dependsOn 'make'
    inputs outputsOf('make')
    step exec('cat \${inputs} > \${outDir}/all.txt')
    cleanup 'make'
}
""")
    }

    def "a stage publishes before its cleanup deletes its outputs; resume trusts both and runs nothing"() {
        given:
        def file = pipeline("publish 'results dir', as: '\${stage}_\${n}_\${name}'")

        when:
        def run = flow.run('run', file.toString(), '--run-name', 'p')

        then:
        run.exit == 0
        Files.list(launch.resolve('results dir')).toList()*.fileName*.toString().sort() == ['make_1_part.txt', 'make_2_part.txt']
        Files.readString(launch.resolve('results dir/make_2_part.txt')) == '2\n'
        !Files.exists(launch.resolve('.flow/runs/p/stages/make/tasks/0/out'))
        flow.run('outputs', 'p', 'make', '--published').out.readLines() ==
                ['make_1_part.txt', 'make_2_part.txt'].collect { launch.resolve('results dir').resolve(it).toString() }

        when:
        def resume = flow.run('resume', 'p')

        then:
        resume.exit == 0
        resume.out.contains('published make: 0 files to')
        resume.out.contains('(2 already there)')
        resume.out.contains('stage make: 2 tasks, 2 done, 0 to run')
        resume.out.contains('stage sum: 1 tasks, 1 done, 0 to run') || resume.out.contains('stage sum: 1 task, 1 done, 0 to run')

        when: 'a published file is lost after the outputs were cleaned: resume cannot publish it again, and says so'
        Files.delete(launch.resolve('results dir/make_1_part.txt'))
        def lost = flow.run('resume', 'p')

        then:
        lost.exit == 1
        lost.out.contains('not published')
    }

    def "link publishes hard links; overwrite false refuses a target another made, and the run says which"() {
        given:
        def file = pipeline("publish 'out', mode: 'link'")
        Files.createDirectories(launch.resolve('out'))
        Files.writeString(launch.resolve('out/part.txt'), 'not flow\'s')

        when: 'both tasks publish part.txt: the first finds a file flow did not make'
        def run = flow.run('run', file.toString(), '--run-name', 'l')

        then:
        run.exit == 1
        run.out.contains('exists (publish overwrite: false)')
        Files.readString(launch.resolve('out/part.txt')) == 'not flow\'s'
    }
}
