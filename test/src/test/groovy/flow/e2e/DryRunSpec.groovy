package flow.e2e

import flow.run.Ledger
import flow.run.LedgerEvent
import flow.util.Shell
import spock.lang.Specification
import spock.lang.Unroll

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/**
 * A dry run shows what the submission that follows it does: every shipped pipeline, on the
 * real SLURM and on the HTCondor stand-ins, is run with {@code --dry-run=DIR} and then for real
 * ({@code --detach}, then cancelled); the files the real submission wrote and the commands it
 * ran (logged by a shim in front of the real command) are compared with the dry run's, byte
 * for byte, job ids and the random part of submission names standing as placeholders.
 */
class DryRunSpec extends Specification {
    static final Path PIPELINES = Path.of(System.getProperty('flow.home'), 'workflows', 'pipelines')
    static final Path HZZ = Path.of(System.getProperty('flow.home'), '..', 'shared', 'data', 'root', 'uproot-HZZ.root').normalize()
    static final Path SPINE_FAKES = Path.of(System.getProperty('flow.home'), 'test', 'spine', 'fake')
    /** Three detector runs for pixel-status, made by the example's own script. */
    static final Path XTC = makeRuns()
    /** The arguments each pipeline needs here (hgcal-skim's default inputs are a site path, pixel-status needs runs). */
    static final Map<String, List<String>> ARGUMENTS = [
            'demo'        : [], 'smartpix': [], 'skim-example': [], 'icarus': [], 'cluster-radii': [], 'bxrun': [],
            'hgcal-skim'  : ['--param', "inputs=${HZZ}".toString(), '--param', 'tree=events'],
            'pixel-status': ['--param', "xtc=${XTC}".toString()]]

    static Path makeRuns() {
        Path xtc = Files.createTempDirectory('flow-dry-xtc')
        def script = Path.of(System.getProperty('flow.home'), 'workflows', 'standin', 'pixel_status', 'make-runs.sh').toString()
        def make = new ProcessBuilder(script, xtc.toString(), 'xpptut15', '1', '2', '3').inheritIO().start()
        assert make.waitFor() == 0
        xtc
    }

    Path launch
    Path commandLog

    /** The S3DF profiles on the local cluster (its partition, no GPUs), with the SPINE stand-ins' site paths. */
    void siteProfiles() {
        Files.writeString(launch.resolve('image.sif'), 'stand-in image')
        Files.createDirectories(launch.resolve('opt0'))
        def site = "    partition: debug\n    gpus: null\n    memPerCpu: 100m\n    cpus: 1\n    environment:\n      SPINE_IMAGE: image.sif\n      FMATCH_BASEDIR: opt0\n"
        Files.writeString(launch.resolve('profiles.yaml'), "profiles:\n  s3df_ampere:\n${site}  s3df_milano:\n${site}")
    }

    /** A directory for the front of PATH whose {@code program} logs its directory, its name and its arguments (one per line), then runs {@code real}. */
    Path shim(String program, String real) {
        Path dir = Files.createDirectories(launch.resolve('shim'))
        Path shim = dir.resolve(program)
        Files.writeString(shim, "#!/bin/bash\nprintf '%s\\n' \"\$PWD\" \"\$(basename \"\$0\")\" \"\$@\" '--end--' >> '${commandLog}'\nexec '${real}' \"\$@\"\n")
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString('rwxr-xr-x'))
        dir
    }

    /** The commands the real submission ran, as the dry run writes them: placeholders for job ids and names' random parts. */
    List<String> realCommands(Path run) {
        Map<String, String> placeholders = [:]
        Ledger.read(run.resolve('ledger.jsonl')).findAll { it.is(LedgerEvent.SUBMIT) }.each { r ->
            int offset = ((Number) (r.get('offset') ?: 0)).intValue()
            placeholders[r.jobId()] = "<job:${r.stage()}${offset ? '+' + offset : ''}>".toString()
        }
        List<String> lines = []
        List<String> call = []
        Files.readAllLines(commandLog).each { line ->
            if (line != '--end--') { call << line; return }
            String dir = call.remove(0)
            String program = call.remove(0)
            List<String> argv = call.collect { arg ->
                String a = arg.replaceAll(/^(--job-name=.*\.a\d+)\.[0-9a-f]+$/, '$1.<unique>').replaceAll(/^(.*\.dag)\.[0-9a-f]+$/, '$1.<unique>')
                // job ids appear only in dependencies (a fresh cluster's job 1 must not match FLOW_ATTEMPT=1)
                a.startsWith('--dependency=') ? a.replaceAll(/(?<=[:=])(\d+)/) { all, id -> placeholders[id] ?: id } : a
            }
            lines << (Path.of(dir) == launch.toRealPath() ? '' : "cd ${Shell.quote(dir)} && ") + Shell.quoteAll([program] + argv)
            call = []
        }
        lines
    }

    /** The files a submission writes: job scripts, and HTCondor's submit, items, DAG, CONFIG and stage-in files. */
    static Set<String> submissionFiles(Path root) {
        Files.walk(root).withCloseable { files ->
            files.filter { Files.isRegularFile(it) }.map { root.relativize(it).toString() }
                    .filter { it ==~ /stages\/[^\/]+\/scripts\/[^\/]+/ || it ==~ /condor\/[^\/]+\.(sub|items|dag|pre\.sh)/ || it == 'condor/flow.dag.config' }
                    .toList() as Set
        }
    }

    void assertSameSubmission(Path dry, Path run) {
        Set<String> written = submissionFiles(run)
        Set<String> shown = submissionFiles(dry)
        assert shown == written
        shown.each { file ->
            assert Files.readString(dry.resolve(file)) == Files.readString(run.resolve(file)): file
            assert Files.isExecutable(dry.resolve(file)) == Files.isExecutable(run.resolve(file)): file
        }
        assert Files.readAllLines(dry.resolve('commands.sh')).drop(1) == realCommands(run)
    }

    @Unroll
    def "every pipeline shipped in workflows/pipelines is checked here"() {
        expect:
        Files.list(PIPELINES).toList()*.fileName*.toString().findAll { it.endsWith('.flow') }*.replace('.flow', '') as Set == ARGUMENTS.keySet()
    }

    def "SLURM: the dry run of #pipeline is what its submission writes and runs"() {
        given:
        SlurmCluster.require()
        launch = Files.createTempDirectory('flow-dry')
        commandLog = launch.resolve('commands.log')
        siteProfiles()
        def real = ['/usr/bin/sbatch', '/usr/local/bin/sbatch'].find { Files.isExecutable(Path.of(it)) }
        def flow = new FlowCli(launch, [PATH: "${shim('sbatch', real)}:${SPINE_FAKES}:${System.getenv('PATH')}".toString()])
        def args = [PIPELINES.resolve("${pipeline}.flow").toString(), '--executor', 'slurm', '--run-name', 'r'] + ARGUMENTS[pipeline]

        when:
        def dry = flow.run(*(['run', '--dry-run=dry'] + args))
        def nothingWritten = !Files.exists(launch.resolve('.flow')) && !Files.exists(commandLog)
        def submitted = flow.run(*(['run', '--detach'] + args))
        flow.run('cancel', 'r')

        then:
        dry.exit == 0 && nothingWritten
        submitted.exit == 0
        assertSameSubmission(launch.resolve('dry'), launch.resolve('.flow/runs/r'))

        where:
        pipeline << ARGUMENTS.keySet()
    }

    @Unroll
    def "HTCondor (#version): the dry run of #pipeline is what its submission writes and runs, or both refuse it alike"() {
        given:
        launch = CondorStandIns.launchDir('dry')
        commandLog = launch.resolve('commands.log')
        def path = shim('condor_submit_dag', CondorStandIns.TOOLS.resolve('condor_submit_dag').toString())
        def env = CondorStandIns.environment(Files.createDirectories(launch.resolve('condor-home')), version)
        env.PATH = "${path}:${SPINE_FAKES}:${env.PATH}".toString()
        def flow = new FlowCli(launch, env)
        def args = [PIPELINES.resolve("${pipeline}.flow").toString(), '--executor', 'condor', '--run-name', 'r'] + ARGUMENTS[pipeline]

        when:
        def dry = flow.run(*(['run', '--dry-run=dry'] + args))
        def submitted = flow.run(*(['run', '--detach'] + args))
        if (submitted.exit == 0) flow.run('cancel', 'r')

        then: 'icarus asks for a SLURM partition, which a condor stage refuses: the dry run says so as the real run does'
        if (pipeline == 'icarus') {
            assert dry.exit == 2 && submitted.exit == 2 && dry.err == submitted.err && dry.err.contains("'partition' is a SLURM resource")
        } else {
            assert dry.exit == 0 && submitted.exit == 0
            assertSameSubmission(launch.resolve('dry'), launch.resolve('.flow/runs/r'))
        }

        where:
        [version, pipeline] << [[CondorStandIns.CLASSAD_NOTES], ARGUMENTS.keySet()].combinations()
    }
}
