package flow.submit

import flow.exec.slurm.SlurmScheduler
import flow.exec.grid.SchedulerCommands
import flow.model.PipelineSpec
import flow.model.RetrySpec
import flow.plan.Planner
import flow.plan.StageDefinition
import flow.profile.Profiles
import flow.step.StepRegistry
import flow.dsl.FlowLoader
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/** flow submit's resolution, the shipped S3DF profiles and detectors, and the rendered job scripts. */
class SpineSubmissionSpec extends Specification {
    Path launch = Files.createTempDirectory('submit')
    Profiles profiles = Profiles.load(launch)

    Path file(String relative, String text = 'x') {
        def p = launch.resolve(relative)
        Files.createDirectories(p.parent)
        Files.writeString(p, text)
    }

    SpineSubmission resolve(Map args) {
        def r = new SpineSubmission.Request(args.config ?: Path.of('infer/icarus/reco.cfg'), args.sources ?: [], args.sourceList,
                args.filesPerTask, args.ntasks, args.profile, args.detector, args.jobName, null, null, false, args.sets ?: [:])
        SpineSubmission.resolve(r, profiles, launch)
    }

    def setup() {
        file('infer/icarus/reco.cfg')
        file('infer/2x2-single/reco.cfg')
        file('infer/2x2/reco.cfg')
        (0..<7).each { file("data/f${it}.root") }
    }

    def "the detector is an exact component of the config's path, or given; its default profile applies"() {
        expect:
        resolve(config: Path.of(config), sources: ['data/*.root']).with { [it.detector(), it.profile()] } == [expected, 's3df_ampere']

        where:
        config                        | expected
        'infer/icarus/reco.cfg'       | 'icarus'
        'infer/2x2-single/reco.cfg'   | '2x2-single'
        'infer/2x2/reco.cfg'          | '2x2'
    }

    def "chunking: --files-per-task groups and --ntasks throttles; --ntasks alone is the number of tasks"() {
        expect:
        resolve(sources: ['data/*.root'], filesPerTask: k, ntasks: n).with { [groupSize(), chunks(), throttle()] } == expected

        where:
        k    | n    | expected
        null | null | [1, 7, null]
        2    | null | [2, 4, null]
        2    | 3    | [2, 4, 3]
        null | 3    | [3, 3, null]
        null | 10   | [1, 7, null]
    }

    def "globs are sorted; missing sources, names with ',' and an empty selection are refused"() {
        when:
        def sorted = resolve(sources: ['data/f1.root', 'data/f[0-9].root'])

        then:
        sorted.sources()*.fileName*.toString() == ['f1.root'] + (0..<7).collect { "f${it}.root".toString() }

        when:
        file('data/a,b.root')
        resolve(sources: [source])

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains(message)

        where:
        source            | message
        'data/nope.root'  | 'source file does not exist: '
        'data/*.txt'      | '--source data/*.txt matches no file'
        'data/a,b.root'   | "source file names must not contain ','"
    }

    def "a --source-list names the files, relative to the list, comments and blank lines skipped"() {
        given:
        file('lists/files.txt', "# run 1\n../data/f3.root\n\n${launch.resolve('data/f1.root')}\n")

        expect:
        resolve(sourceList: Path.of('lists/files.txt')).sources()*.fileName*.toString() == ['f3.root', 'f1.root']
    }

    def "a config that does not exist and an unknown detector are refused before anything is written"() {
        when:
        resolve(config: Path.of('infer/icarus/missing.cfg'), sources: ['data/*.root'])

        then:
        thrown(IllegalArgumentException)
        !Files.exists(launch.resolve('.flow'))

        when:
        resolve(sources: ['data/*.root'], detector: 'minerva')

        then:
        def e = thrown(IllegalArgumentException)
        e.message.startsWith("unknown detector 'minerva' (known: 2x2, 2x2-single, fsd, generic, icarus, nd-lar, sbnd)")
    }

    def "account precedence: command line, profile, detector, the default of the site that defines them; never an empty or None account"() {
        given:
        Files.writeString(launch.resolve('profiles.yaml'), '''\
            profiles:
              with_account: { cpus: 1, account: "neutrino:mine" }
              none_account: { cpus: 1, account: None }
            '''.stripIndent())
        def loaded = Profiles.load(launch)

        expect:
        account(loaded, profile, detector, cli) == expected

        where:
        profile        | detector | cli                  | expected
        'with_account' | 'icarus' | [account: 'x:cli']   | 'x:cli'
        'with_account' | 'icarus' | [:]                  | 'neutrino:mine'
        'none_account' | 'icarus' | [:]                  | 'neutrino:icarus-ml'
        's3df_milano'  | 'nd-lar' | [:]                  | 'neutrino:dune-ml'
        's3df_milano'  | null     | [:]                  | 'neutrino:ml-dev'
        'default'      | null     | [:]                  | null
        'slurm_cpu'    | null     | [:]                  | null
    }

    String account(Profiles loaded, String profile, String detector, Map cli) {
        def text = "flow { name 'a'${detector ? "; detector '$detector'" : ''} }\nstage('s') { profile '$profile'; step exec('true') }\n"
        def flowFile = launch.resolve('a.flow')
        Files.writeString(flowFile, text)
        def spec = new FlowLoader(StepRegistry.load()).load(flowFile, [:], launch)
        new Planner(StepRegistry.load(), loaded, launch, cli).plan(spec).stages()[0].definition().resources().account
    }

    def "stage overrides do not leak into other stages using the same profile"() {
        given:
        def flowFile = launch.resolve('b.flow')
        Files.writeString(flowFile, "stage('a') { profile 's3df_milano'; cpus 8; step exec('true') }\nstage('b') { profile 's3df_milano'; step exec('true') }\n")

        when:
        def plan = new Planner(StepRegistry.load(), profiles, launch).plan(new FlowLoader(StepRegistry.load()).load(flowFile, [:], launch))

        then:
        plan.stages()*.definition()*.resources()*.cpus == [8, 1]
        profiles.find('s3df_milano').get().cpus == 1
    }

    def "the job script of every shipped S3DF profile carries its resources and the detector's account"() {
        given:
        def resources = new LinkedHashMap(profiles.find(profile).get())
        resources.account = 'neutrino:icarus-ml'
        def stage = new StageDefinition('reco', 'spine', [:], [], [], [], [], RetrySpec.NONE, null, new flow.model.Resources(resources), [], 1, [:], flow.model.Batching.NONE, null)
        def script = new SlurmScheduler(new SchedulerCommands()).renderScript('run1', stage, 'flow task run1 reco "$SLURM_ARRAY_TASK_ID"')

        expect:
        script.readLines().findAll { it.startsWith('#SBATCH') } == expected.collect { "#SBATCH $it".toString() }

        where:
        profile       | expected
        's3df_ampere' | ['--job-name=run1.reco', '--partition=ampere', '--account=neutrino:icarus-ml', '--cpus-per-task=28', '--mem-per-cpu=8192M', '--time=120', '--gpus=1']
        's3df_turing' | ['--job-name=run1.reco', '--partition=turing', '--account=neutrino:icarus-ml', '--cpus-per-task=4', '--mem-per-cpu=4096M', '--time=120', '--gpus=1']
        's3df_milano' | ['--job-name=run1.reco', '--partition=milano', '--account=neutrino:icarus-ml', '--cpus-per-task=1', '--mem-per-cpu=4096M', '--time=120']
        's3df_roma'   | ['--job-name=run1.reco', '--partition=roma', '--account=neutrino:icarus-ml', '--cpus-per-task=1', '--mem-per-cpu=4096M', '--time=120']
    }
}
