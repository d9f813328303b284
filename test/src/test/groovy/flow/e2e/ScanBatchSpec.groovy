package flow.e2e

import flow.run.Ledger
import flow.run.LedgerEvent
import groovy.json.JsonSlurper
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * Scans as the scan tools run them, through the real CLI: the shipped examples (bye_splits'
 * radius scan, a BXRun scan) locally and on the real SLURM; batches of tasks per job, whose
 * tasks keep their own results, logs and retries; one downstream task per value of an axis,
 * with a table of which point made which file.
 */
class ScanBatchSpec extends Specification {
    static final Path PIPELINES = Path.of(System.getProperty('flow.home'), 'workflows', 'pipelines')

    Path launch = Files.createTempDirectory('flow scan "batch"')
    Path sbatchLog = launch.resolve('sbatch.log')

    FlowCli local() {
        new FlowCli(launch)
    }

    FlowCli slurm() {
        SlurmCluster.require()
        new FlowCli(launch, [PATH: "${SlurmCluster.sbatchShim(launch.resolve('shim'), sbatchLog)}:${System.getenv('PATH')}".toString()])
    }

    List<String> sbatchCalls() {
        Files.exists(sbatchLog) ? Files.readAllLines(sbatchLog) : []
    }

    Path run(String name) {
        launch.resolve(".flow/runs/${name}")
    }

    Path write(String name, String text) {
        Files.writeString(launch.resolve(name), text.stripIndent())
    }

    /** The combine task's table of one particle: radius → mean energy, as the stand-in wrote it. */
    Map<String, List<String>> combined(String runName) {
        def dir = run(runName).resolve('stages/combine/tasks')
        Files.list(dir).toList().collectEntries { task ->
            def out = Files.list(task.resolve('out')).toList().first()
            [out.fileName.toString(), Files.readAllLines(out).drop(1)*.split(',')*.getAt(0)]
        }
    }

    def "the radius scan runs locally: 3 combine tasks, each with its particle's 50 radii as written"() {
        when:
        def result = local().run('run', PIPELINES.resolve('cluster-radii.flow').toString(), '--run-name', 'r')

        then:
        result.exit == 0
        def tables = combined('r')
        tables.keySet() == ['combined_photons.csv', 'combined_electrons.csv', 'combined_pions.csv'] as Set
        tables.values().every { it == (1..50).collect { String.format('0.%03d', it) } }
    }

    def "the radius scan on SLURM is 15 array elements and 3 combine tasks; after adding a radius, resume runs exactly the new tasks"() {
        given:
        def flow = slurm()

        when:
        def first = flow.run('run', PIPELINES.resolve('cluster-radii.flow').toString(), '--executor', 'slurm', '--run-name', 's')
        def calls = sbatchCalls()

        then:
        first.exit == 0
        calls.size() == 2
        calls[0].contains('--array=' + (0..140).step(10).join(','))
        calls[1].contains('--array=0-2')
        // the stage's time is one task's: the batch job of ten asks for ten times it
        Files.readString(run('s').resolve('stages/radii/scripts/radii.sbatch')).contains('#SBATCH --time=100\n')
        combined('s').values().every { it.size() == 50 }
        // each task of a batch has its own result
        (0..149).every { new JsonSlurper().parse(run('s').resolve("stages/radii/tasks/${it}/result.json").toFile()).exit == 0 }

        when:
        Files.delete(sbatchLog)
        def resumed = flow.run('resume', 's', '--param', 'radii=51')

        then:
        resumed.exit == 0
        resumed.out.contains('stage radii: 153 tasks, 150 done, 3 to run')
        resumed.out.contains('stage combine: 3 tasks, 0 done, 3 to run')
        sbatchCalls().size() == 2
        sbatchCalls()[0].contains('--array=150 ')
        sbatchCalls()[1].contains('--array=0-2 ')
        Files.readAllLines(run('s').resolve('stages/radii/scripts/radii.a2.150.batches')) == ['150\t150-152']
        combined('s').values().every { it.size() == 51 && it.last() == '0.051' }
    }

    def "the BXRun example aggregates every point of its YAML scan into one table, locally and on SLURM (#executor)"() {
        given:
        def flow = executor == 'slurm' ? slurm() : local()

        when:
        def result = flow.run('run', PIPELINES.resolve('bxrun.flow').toString(), '--executor', executor, '--run-name', 'bx')

        then:
        result.exit == 0
        Files.readAllLines(run('bx').resolve('stages/aggregate/tasks/0/out/results.tsv')) == [
                'pt\tthreshold\tefficiency', '0\t4000\t0.7400', '0\t5000\t0.5000', '0\t6000\t0.2500',
                '2\t4000\t0.9900', '2\t5000\t0.7400', '2\t6000\t0.5000']

        where:
        executor << ['local', 'slurm']
    }

    def "a task that fails inside a batch fails alone; resume runs only it, in a batch of its own, and each task logs apart"() {
        given:
        def flow = slurm()
        write('b.flow', '''
            stage('s') {
                scan x: (0..7).toList()
                batch 4, parallel: 2
                step exec('echo "point ${x}"; [ "${x}" != 5 ] || [ -e ${launchDir}/fixed ]; echo ${x} > ${outDir}/v')
            }
        ''')

        when:
        def first = flow.run('run', 'b.flow', '--executor', 'slurm', '--run-name', 'b')

        then:
        first.exit != 0
        first.out.contains('s: 7/8 done, 1 failed {exit 1=1}')
        sbatchCalls().size() == 1
        sbatchCalls()[0].contains('--array=0,4 ')
        // two tasks at a time: the job asks for two CPUs
        Files.readString(run('b').resolve('stages/s/scripts/s.sbatch')).contains('#SBATCH --cpus-per-task=2\n')
        flow.run('log', 'b', 's', '6').out.contains('point 6')
        !flow.run('log', 'b', 's', '6').out.contains('point 7')

        when:
        Files.createFile(launch.resolve('fixed'))
        def resumed = flow.run('resume', 'b')

        then:
        resumed.exit == 0
        resumed.out.contains('stage s: 8 tasks, 7 done, 1 to run')
        sbatchCalls().size() == 2
        sbatchCalls()[1].contains('--array=5 ')
        Ledger.read(run('b').resolve('ledger.jsonl')).findAll { it.is(LedgerEvent.TASK_END) && it.task().index() == 5 }*.attempt() == [1, 2]
        (0..7).every { Files.readString(run('b').resolve("stages/s/tasks/${it}/out/v")).strip() == "${it}" }
    }

    def "on HTCondor (stand-ins) a batch is one proc whose item is its tasks; resume goes through the rescue DAG"() {
        given:
        Path condorLaunch = CondorStandIns.launchDir('flow batch')
        def flow = new FlowCli(condorLaunch, CondorStandIns.environment(Files.createTempDirectory('fake-condor'), CondorStandIns.CLASSAD_NOTES))
        Files.writeString(condorLaunch.resolve('b.flow'), '''
            stage('s') {
                scan x: (0..6).toList()
                batch 3
                step exec('[ "${x}" != 4 ] || [ -e ${launchDir}/fixed ]; echo ${x} > ${outDir}/v')
            }
        '''.stripIndent())

        when:
        def first = flow.run('run', 'b.flow', '--executor', 'condor', '--run-name', 'c')
        def runDir = condorLaunch.resolve('.flow/runs/c')

        then:
        first.exit != 0
        first.out.contains('s: 6/7 done, 1 failed {exit 1=1}')
        Files.readAllLines(runDir.resolve('condor/s_a1.items')) == ['0-2', '3-5', '6']

        when:
        Files.createFile(condorLaunch.resolve('fixed'))
        def resumed = flow.run('resume', 'c')

        then:
        resumed.exit == 0
        (0..6).every { Files.readString(runDir.resolve("stages/s/tasks/${it}/out/v")).strip() == "${it}" }
    }

    def "the inputs table names each file's point, quoting a name with a tab or a quote as CSV readers expect"() {
        given:
        write('t.flow', '''
            stage('make') {
                scan kind: ['a b', 'c"d'], n: [1, 2]
                step exec('printf x > ${outDir}/"f	${kind} ${n}"')
            }
            stage('gather') {
                dependsOn 'make'
                inputs outputsOf('make'), by: 'kind'
                step exec('cp ${inputsTable} ${outDir}/table.tsv; cp ${inputsManifest} ${outDir}/manifest.json')
            }
        ''')

        when:
        def result = local().run('run', 't.flow', '--run-name', 't')
        def gather = run('t').resolve('stages/gather/tasks')
        def table = ['python3', '-c', 'import csv,sys,json; print(json.dumps(list(csv.DictReader(open(sys.argv[1], newline=""), delimiter="\\t"))))',
                     gather.resolve('1/out/table.tsv').toString()].execute()
        def rows = new JsonSlurper().parseText(table.text)
        def manifest = new JsonSlurper().parse(gather.resolve('1/out/manifest.json').toFile())

        then:
        result.exit == 0
        rows*.kind == ['c"d', 'c"d']
        rows*.n == ['1', '2']
        rows*.file.every { Files.exists(Path.of(it)) }
        rows*.file*.tokenize('/')*.last() == ['f\tc"d 1', 'f\tc"d 2']
        manifest*.point == [[kind: 'c"d', n: 1], [kind: 'c"d', n: 2]]
        manifest*.index == [2, 3]
    }

    def "mistakes in batch, group and by: are named at their line: #mistake"() {
        given:
        write('m.flow', """
            stage('s') { scan x: [1, 2]; step exec('echo \${x}') }
            stage('t') {
                dependsOn 's'
                ${line}
                step exec('true')
            }
        """)

        when:
        def result = local().run('validate', 'm.flow')

        then:
        result.exit == 2
        result.err.contains("m.flow:5: ${expected}")

        where:
        mistake             | line                                           || expected
        'batch 0'           | 'batch 0'                                      || 'batch must be at least 1 task per job, got 0'
        'parallel > size'   | 'batch 2, parallel: 3'                         || 'batch 2, parallel: 3: parallel must be between 1 and the batch size 2'
        'group on a scan'   | "scan y: [1]; group 2"                         || "group gathers inputs into one task, and stage 't' has no inputs; to run several scan points in one job, write batch N"
        'unknown axis'      | "inputs outputsOf('s'), by: 'xx'"              || "by: 'xx' is not a scan axis of stage 's' (did you mean x?)"
        'by with group'     | "inputs outputsOf('s'), by: 'x'; group 1"      || 'group and by: both say how tasks are made: keep one'
    }

    def "a YAML scan with axes: and fixed: sections says which is which"() {
        given:
        write('bx.yml', '''
            axes:
              pt: [0, 2]
            fixed:
              cuts: [1, 2]
              rate: 0.010
        ''')
        write('y.flow', '''
            stage('s') { scan yaml('bx.yml'); step exec('echo ${pt} ${cuts} ${rate} > ${outDir}/v') }
        ''')

        when:
        def result = local().run('run', 'y.flow', '--run-name', 'y')

        then:
        result.exit == 0
        (0..1).collect { Files.readString(run('y').resolve("stages/s/tasks/${it}/out/v")).strip() } == ['0 1 2 0.010', '2 1 2 0.010']
    }
}
