package flow.e2e

import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * Scans and parameters read from YAML as BXRun writes them, through the real CLI: a list is an
 * axis, a single value a fixed one; values keep their YAML types and reach the command exactly
 * as written; an edited scan file runs its new points only and reports the removed ones.
 */
class ScanSourcesSpec extends Specification {
    Path launch = Files.createTempDirectory('flow-scan')
    FlowCli flow = new FlowCli(launch)

    def setup() {
        Files.writeString(launch.resolve('bx.yml'), '''\
            # lists are scanned, single values fixed
            pt: [0, 2]
            threshold: [4000, 5000]
            eps: 1.50
            rate: 0.001
            flag: False
            N: 100
            tag: run a
            '''.stripIndent())
        Files.writeString(launch.resolve('config.yaml'), 'label: first\nscale: 0.25\ncuts: [1, 2]\n')
        Files.writeString(launch.resolve('bx.flow'), '''\
            params yaml('config.yaml')
            stage('bx') {
                scan yaml('bx.yml')
                step exec('echo "${params.label} ${params.scale} ${pt} ${threshold} ${eps} ${rate} ${flag} ${N} ${tag}" > ${outDir}/v')
            }
            '''.stripIndent())
    }

    List<String> lines(String run) {
        Files.list(launch.resolve(".flow/runs/${run}/stages/bx/tasks")).toList().sort(false) { it.fileName.toString() as int }
                .findAll { Files.exists(it.resolve('out/v')) }.collect { Files.readString(it.resolve('out/v')).strip() }
    }

    def "a YAML scan runs every combination, each value as written"() {
        when:
        def run = flow.run('run', 'bx.flow', '--run-name', 'a')

        then:
        run.exit == 0
        lines('a') == ['first 0.25 0 4000 1.50 0.001 False 100 run a', 'first 0.25 0 5000 1.50 0.001 False 100 run a',
                       'first 0.25 2 4000 1.50 0.001 False 100 run a', 'first 0.25 2 5000 1.50 0.001 False 100 run a']
    }

    def "after the scan file gains a value and loses one, resume runs the new points only and reports the removed ones"() {
        given:
        flow.run('run', 'bx.flow', '--run-name', 'a').exit == 0
        Files.writeString(launch.resolve('bx.yml'), Files.readString(launch.resolve('bx.yml'))
                .replace('pt: [0, 2]', 'pt: [2]').replace('threshold: [4000, 5000]', 'threshold: [4000, 5000, 6000]'))

        when:
        def dry = flow.run('resume', 'a', '--dry-run')
        def resumed = flow.run('resume', 'a')

        then:
        dry.out.contains("note: changed since the run was planned: ${launch.resolve('bx.yml')}")
        dry.out.contains('stage bx: 3 tasks, 2 done, 1 to run, 2 removed (kept, not run)')
        dry.out.contains('removed: scan point pt=0 threshold=4000 eps=1.50 rate=0.001 flag=False N=100 tag=run a: 0')
        resumed.exit == 0
        lines('a').count { it.contains(' 6000 ') } == 1
        lines('a').size() == 5 // the removed points keep their outputs, not run again
        // the run keeps each version of the files it read its values from
        def kept = Files.list(launch.resolve('.flow/runs/a/sources')).toList().collect { Files.readString(it) }
        kept.size() == 3
        kept.count { it.contains('pt: [0, 2]') } == 1 && kept.count { it.contains('pt: [2]') } == 1 && kept.count { it.contains('label: first') } == 1
    }

    def "resume takes corrected parameters from --params-file too, and only the tasks using them run again"() {
        given:
        flow.run('run', 'bx.flow', '--run-name', 'a').exit == 0
        Files.writeString(launch.resolve('fix.yaml'), 'scale: 0.75\n')

        when:
        def resumed = flow.run('resume', 'a', '--params-file', 'fix.yaml')

        then:
        resumed.exit == 0
        resumed.out.contains('stage bx: 4 tasks, 0 done, 4 to run')
        lines('a').every { it.startsWith('first 0.75 ') }
    }

    def "--params-file gives values as --param does, --param wins, and a typo is named with its file"() {
        given:
        Files.writeString(launch.resolve('site.yaml'), 'label: second\nscale: 0.5\n')
        Files.writeString(launch.resolve('typo.yaml'), 'labl: x\n')
        Files.writeString(launch.resolve('broken.yaml'), 'label: [1, 2\n')

        when:
        def run = flow.run('run', 'bx.flow', '--params-file', 'site.yaml', '--param', 'label=third', '--run-name', 'p')
        def typo = flow.run('validate', 'bx.flow', '--params-file', 'typo.yaml')
        def broken = flow.run('validate', 'bx.flow', '--params-file', 'broken.yaml')

        then:
        run.exit == 0
        lines('p').every { it.startsWith('third 0.5 ') }
        typo.exit == 2
        typo.err.contains("unknown parameter 'labl' given with --param or --params-file (did you mean label?)")
        broken.exit == 2
        broken.err.contains('broken.yaml:2: ')
    }

    def "a CSV scan runs its rows as points, exclude drops points, and a row added later is the only task resume runs"() {
        given:
        Files.writeString(launch.resolve('points.csv'), 'pt,threshold,flag\n# one point per row\n0,4000,False\n2,5000,true\n')
        Files.writeString(launch.resolve('pts.flow'), '''\
            stage('rows') { scan csv('points.csv'); step exec('echo "${pt} ${threshold} ${flag}" > ${outDir}/v') }
            stage('cut') {
                scan pt: [0, 2], threshold: [4000, 5000]
                exclude { p -> p.pt == 2 && p.threshold > 4000 }
                step exec('echo "${pt} ${threshold}" > ${outDir}/v')
            }
            '''.stripIndent())
        def outputs = { String stage -> Files.list(launch.resolve(".flow/runs/c/stages/${stage}/tasks")).toList()
                .sort(false) { it.fileName.toString() as int }.collect { Files.readString(it.resolve('out/v')).strip() } }

        when:
        def run = flow.run('run', 'pts.flow', '--run-name', 'c')
        def rows = outputs('rows'), cut = outputs('cut')
        Files.writeString(launch.resolve('points.csv'), Files.readString(launch.resolve('points.csv')) + '2,6000,1.50\n')
        def dry = flow.run('resume', 'c', '--dry-run')
        def resumed = flow.run('resume', 'c')

        then:
        run.exit == 0
        rows == ['0 4000 False', '2 5000 true']
        cut == ['0 4000', '0 5000', '2 4000']
        dry.out.contains('stage rows: 3 tasks, 2 done, 1 to run')
        dry.out.contains('stage cut: 3 tasks, 3 done, 0 to run')
        resumed.exit == 0
        outputs('rows') == ['0 4000 False', '2 5000 true', '2 6000 1.50']
    }

    def "a CSV row with the wrong number of values is named at its line"() {
        given:
        Files.writeString(launch.resolve('bad.csv'), 'pt,threshold\n0\n')
        Files.writeString(launch.resolve('bad.flow'), "stage('b') { scan csv('bad.csv'); step exec('true') }\n")

        when:
        def check = flow.run('validate', 'bad.flow')

        then:
        check.exit == 2
        check.err.contains('bad.csv:2: expected 2 values (pt,threshold), got 1')
    }
}
