package flow.e2e

import groovy.json.JsonSlurper
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * flow submit through the real CLI, with the SPINE stand-in of test/spine/fake (SPINE cannot be
 * installed here; the stand-in checks its arguments as SPINE's CLI does): on the local executor,
 * as a dry run, and on the local SLURM with an external dependency.
 */
class SubmitSpec extends Specification {
    Path launch = Files.createTempDirectory('flow submit')
    Path fakes = Path.of(System.getProperty('flow.home'), 'test', 'spine', 'fake')
    Path shared = Path.of(System.getProperty('flow.home'), '..', 'shared', 'data', 'root').normalize()

    def setup() {
        Files.createDirectories(launch.resolve('infer/icarus'))
        Files.writeString(launch.resolve('infer/icarus/reco.cfg'), 'base: {}\n')
        // the S3DF site paths replaced by nothing: SPINE runs on the host here
        Files.writeString(launch.resolve('profiles.yaml'), "profiles:\n  s3df_ampere:\n    environment: {}\n    partition: debug\n    gpus: null\n    cpus: 1\n    memPerCpu: 100m\n")
    }

    FlowCli flow(String path = "${fakes}:${System.getenv('PATH')}") {
        new FlowCli(launch, [PATH: path])
    }

    def "a local submission runs SPINE per chunk and records job_metadata.json"() {
        when:
        def result = flow().run('submit', '--config', 'infer/icarus/reco.cfg', '--source', "${shared}/uproot-HZZ*.root", '--files-per-task', '3',
                '--ntasks', '1', '--set', 'base.iterations=5', '--job-name', 'hzz', '--output', 'results', '--executor', 'local')
        def run = Files.list(launch.resolve('.flow/runs')).filter { Files.isDirectory(it) && !Files.isSymbolicLink(it) }.findFirst().get()
        def meta = new JsonSlurper().parse(run.resolve('job_metadata.json').toFile())

        then:
        result.exit == 0
        result.out.contains('submit hzz: 4 files in 2 tasks of 3, detector icarus, profile s3df_ampere')
        meta.subMap(['job_name', 'detector', 'profile', 'num_files', 'num_chunks', 'job_ids']) ==
                [job_name: 'hzz', detector: 'icarus', profile: 's3df_ampere', num_files: 4, num_chunks: 2, job_ids: []]
        meta.profile_config.account == 'neutrino:icarus-ml'
        meta.tasks*.files*.size() == [3, 1]
        meta.command.startsWith('flow submit --config infer/icarus/reco.cfg')
        ['config', 'output', 'submitted', 'run', 'flow_version', 'script_sha256'].every { meta.containsKey(it) }
        Files.readString(run.resolve('stages/spine/tasks/0/out/uproot-HZZ-lz4_reco.h5')).contains("sets=['base.iterations=5']")
        meta.output == launch.resolve('results').toString()
        Files.list(launch.resolve('results')).count() == 4 // --output: every output copied there
    }

    def "--dry-run prints the commands and writes nothing"() {
        when:
        def result = flow().run('submit', '--config', 'infer/icarus/reco.cfg', '--source', "${shared}/uproot-HZZ.root", '--dry-run', '--executor', 'local')

        then:
        result.exit == 0
        result.out.contains('spine -c ')
        !Files.exists(launch.resolve('.flow'))
    }

    def "missing sources and names with ',' are refused"() {
        expect:
        with(flow().run('submit', '--config', 'infer/icarus/reco.cfg', '--source', 'nope/*.root', '--executor', 'local')) {
            exit == 2 && err.contains('--source nope/*.root matches no file')
        }
        with(flow().run('submit', '--config', 'missing.cfg', '--source', "${shared}/uproot-HZZ.root", '--executor', 'local')) {
            exit == 2 && err.contains('missing.cfg does not exist')
        }
    }

    def "on the local SLURM: sbatch by default, the external dependency passed on, the job ids recorded"() {
        given:
        SlurmCluster.require()
        def sbatchLog = launch.resolve('sbatch.log')
        def shim = SlurmCluster.sbatchShim(launch.resolve('shim'), sbatchLog)
        // its slurm-N.out goes into the spec's launch directory, not the module's
        def before = ['sbatch', '--parsable', "--output=${launch}/before-%j.out", '--wrap', 'true'].execute().text.strip()

        when:
        def result = flow("${shim}:${fakes}:${System.getenv('PATH')}").run('submit', '--config', 'infer/icarus/reco.cfg',
                '--source', "${shared}/uproot-HZZ*.root", '--files-per-task', '2', '--dependency', "afterok:${before}".toString())
        def run = Files.list(launch.resolve('.flow/runs')).filter { Files.isDirectory(it) && !Files.isSymbolicLink(it) }.findFirst().get()
        def meta = new JsonSlurper().parse(run.resolve('job_metadata.json').toFile())

        then:
        result.exit == 0
        Files.readString(sbatchLog).contains("--dependency=afterok:${before}")
        meta.job_ids.size() == 1
        meta.script_sha256.keySet().toList() == ['stages/spine/scripts/spine.sbatch']
        Files.readString(run.resolve('stages/spine/scripts/spine.sbatch')).contains('#SBATCH --account=neutrino:icarus-ml')
    }
}
