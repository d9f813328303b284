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

    def "a closure names each target from its task and file; on SLURM the cleanup job reads the closure again from the .flow file"() {
        given:
        SlurmCluster.require()
        def file = pipeline("publish 'named', as: { task, file -> \"n\${task.n}/\${task.stage}-\${task.index}.\${file}\" }")

        when: 'make is cleaned by a batch job, which publishes it first'
        def run = flow.run('run', file.toString(), '--executor', 'slurm', '--run-name', 'c')
        def result = new groovy.json.JsonSlurper().parse(launch.resolve('.flow/runs/c/stages/make/tasks/1/result.json').toFile())

        then:
        run.exit == 0
        Files.readString(launch.resolve('named/n1/make-0.part.txt')) == '1\n'
        Files.readString(launch.resolve('named/n2/make-1.part.txt')) == '2\n'
        !Files.exists(launch.resolve('.flow/runs/c/stages/make/tasks/1/out'))
        Files.exists(launch.resolve('.flow/runs/c/stages/make/cleanup.json'))

        and: 'the result records where its output went, with size and checksum'
        result.published.size() == 1
        result.published[0].file == 'part.txt'
        result.published[0].target == launch.resolve('named/n2/make-1.part.txt').toString()
        result.published[0].size == 2
        result.published[0].checksum ==~ /sha256:[0-9a-f]{64}/
    }

    def "a closure that names a place outside the target fails that publication, naming it"() {
        given:
        def file = pipeline("publish 'named', as: { task, file -> '../escaped.txt' }")

        when:
        def run = flow.run('run', file.toString(), '--run-name', 'e')

        then:
        run.exit == 1
        run.out.contains("its name '../escaped.txt' is not a relative path inside")
        !Files.exists(launch.resolve('escaped.txt'))
    }

    def "a task that runs again after its input changed replaces its own publication, overwrite false notwithstanding"() {
        given:
        Files.createDirectories(launch.resolve('in'))
        Files.writeString(launch.resolve('in/a.txt'), 'first\n')
        Files.writeString(launch.resolve('c.flow'), """
stage('copy') { inputs files('in/*.txt'); step exec('cp \${inputs} \${outDir}/'); publish 'res' }
""")

        when:
        def first = flow.run('run', 'c.flow', '--run-name', 'r')
        Files.writeString(launch.resolve('in/a.txt'), 'second, longer\n')
        def again = flow.run('resume', 'r')

        then:
        first.exit == 0
        again.exit == 0
        again.out.contains('stage copy: 1 task, 0 done, 1 to run') || again.out.contains('1 to run')
        Files.readString(launch.resolve('res/a.txt')) == 'second, longer\n'
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
