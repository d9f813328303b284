package flow.e2e

import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * workflows/pipelines/icarus.flow end to end. SPINE and singularity cannot be installed here:
 * test/spine/fake holds stand-ins that check their arguments as SPINE's CLI and singularity do
 * (config exists, every listed input exists, output directory writable; image and bind paths
 * exist) and write one .h5 per input. A project profiles.yaml points the shipped S3DF profiles
 * at a stand-in image and OpT0Finder directory, as a user's override would.
 */
class IcarusSpec extends Specification {
    Path launch = Files.createTempDirectory('flow icarus')
    Path icarus = Path.of(System.getProperty('flow.home'), 'workflows', 'pipelines', 'icarus.flow')
    Path fakes = Path.of(System.getProperty('flow.home'), 'test', 'spine', 'fake')
    Path shared = Path.of(System.getProperty('flow.home'), '..', 'shared', 'data', 'root').normalize()

    def setup() {
        Files.writeString(launch.resolve('image.sif'), 'stand-in image')
        Files.createDirectories(launch.resolve('opt0'))
        Files.writeString(launch.resolve('opt0/configure.sh'), 'export FLASHMATCH_READY=1\n')
    }

    /** The S3DF profiles pointed at the stand-ins; on SLURM also at the local cluster's partition, without GPUs. */
    void overrideProfiles(boolean slurm) {
        def site = slurm ? "    partition: debug\n    gpus: null\n    memPerCpu: 100m\n" : ''
        def env = "    environment:\n      SPINE_IMAGE: '${launch.resolve('image.sif')}'\n      FMATCH_BASEDIR: '${launch.resolve('opt0')}'\n      NUMBA_NUM_THREADS: '2'\n"
        Files.writeString(launch.resolve('profiles.yaml'), "profiles:\n  s3df_ampere:\n${site}${env}    cpus: 1\n  s3df_milano:\n${site}${env}")
    }

    FlowCli flow(Map<String, String> extra = [:]) {
        new FlowCli(launch, [PATH: "${fakes}:${System.getenv('PATH')}".toString()] + extra)
    }

    void assertProduction(Path run) {
        def recoTasks = Files.list(run.resolve('stages/reconstruction/tasks')).toList().sort(false)
        def anaOutputs = Files.list(run.resolve('stages/analysis/tasks')).toList()
                .collectMany { Files.list(it.resolve('out')).toList() }*.fileName*.toString().sort(false)
        def inputs = Files.list(shared).toList().findAll { it.toString().endsWith('.root') }.sort(false)
        assert recoTasks.size() == 3 // 14 files, 5 per task
        assert Files.readAllLines(recoTasks[0].resolve('inputs.txt')) == inputs[0..4]*.toString()
        def command = Files.readString(recoTasks[0].resolve('command.txt'))
        assert command.startsWith("singularity exec --nv '${launch.resolve('image.sif')}' bash -c ".toString()) // quoted: the path has a space
        assert command.contains("source ") && command.contains('/opt0/configure.sh') && command.contains('exec spine -c ')
        assert command.contains('--output-suffix icarus_full_chain_co_4x')
        // one analysis output per reconstruction output, the reconstruction's outputs cleaned up
        assert anaOutputs == inputs.collect { it.fileName.toString().replace('.root', '_icarus_full_chain_co_4x_icarus_ana.h5') }.sort(false)
        assert Files.exists(run.resolve('stages/reconstruction/cleanup.json'))
        assert recoTasks.every { !Files.exists(it.resolve('out')) || Files.list(it.resolve('out')).count() == 0 }
        def oneAnalysis = Files.list(run.resolve('stages/analysis/tasks/0/out')).findFirst().get()
        assert Files.readString(oneAnalysis).contains("'NUMBA_NUM_THREADS': '2'")
        assert !Files.readString(oneAnalysis).contains('FLASHMATCH_READY') // flash matching only in reconstruction
    }

    def "icarus.flow runs reconstruction then analysis with the stand-ins on the local executor"() {
        given:
        overrideProfiles(false)

        when:
        def result = flow().run('run', icarus.toString(), '--run-name', 'i')

        then:
        result.exit == 0
        result.out.contains('run i: every task DONE')
        assertProduction(launch.resolve('.flow/runs/i'))
        Files.readString(launch.resolve('.flow/runs/i/stages/reconstruction/tasks/0/spine-logs/spine.log')).contains('processed 5 files')
    }

    def "the SPINE config must exist before anything runs"() {
        given:
        overrideProfiles(false)

        when:
        def result = flow().run('run', icarus.toString(), '--param', 'recoConfig=missing.cfg', '--run-name', 'm')

        then:
        result.exit == 2
        result.err.contains("SPINE config ${launch.resolve('missing.cfg')} does not exist".toString())
        !Files.exists(launch.resolve('.flow/runs/m'))
    }

    def "on the local SLURM: arrays under the icarus account, reconstruction then analysis, the cleanup job last"() {
        given:
        SlurmCluster.require()
        overrideProfiles(true)
        def sbatchLog = launch.resolve('sbatch.log')
        def shim = SlurmCluster.sbatchShim(launch.resolve('shim'), sbatchLog)

        when:
        def result = flow([PATH: "${shim}:${fakes}:${System.getenv('PATH')}".toString()])
                .run('run', icarus.toString(), '--executor', 'slurm', '--run-name', 's')
        def script = Files.readString(launch.resolve('.flow/runs/s/stages/reconstruction/scripts/reconstruction.sbatch'))

        then:
        result.exit == 0
        script.contains('#SBATCH --account=neutrino:icarus-ml')
        script.contains('#SBATCH --partition=debug')
        !script.contains('--gpus')
        Files.readAllLines(sbatchLog).size() == 3 // reconstruction, analysis, the cleanup
        assertProduction(launch.resolve('.flow/runs/s'))
    }
}
