package flow.submit

import flow.profile.Profiles
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/** flow import spine-prod on the shape of spine-prod's example ICARUS pipeline, and its faults not reproduced. */
class SpineProdImportSpec extends Specification {
    Path launch = Files.createTempDirectory('import')

    String convert(String yaml) {
        new SpineProdImport(launch.resolve('icarus_production.yaml'), launch, Profiles.load(launch)).convert(yaml.stripIndent())
    }

    /** The converted pipeline, written beside one data file its glob matches. */
    Path imported(String yaml) {
        Files.createDirectories(launch.resolve('data'))
        Files.writeString(launch.resolve('data/a.root'), 'x')
        Files.writeString(launch.resolve('imported.flow'), convert(yaml.replace('/data/icarus/run2/*.root', launch.resolve('data/*.root').toString())))
    }

    flow.model.PipelineSpec load(flow.step.StepRegistry steps, Path file) {
        new flow.dsl.FlowLoader(steps).load(file, [configDir: launch.toString()], launch)
    }

    static final String EXAMPLE = '''\
        stages:
          - name: reconstruction
            config: infer/icarus/latest_data.cfg
            files: /data/icarus/run2/*.root
            profile: s3df_ampere
            ntasks: 100
            files_per_task: 1
            output: output_reco/icarus_reco.h5
            flashmatch: true
            cleanup:
              - output_reco
          - name: analysis
            depends_on: [reconstruction]
            config: infer/icarus/analysis.cfg
            files: output_reco/*.h5
            profile: s3df_milano
            ntasks: 20
            files_per_task: 5
            output: output_analysis/icarus_analysis.h5
        '''

    def "the example pipeline: one pattern per files string, the downstream files as outputsOf, cleanup after the consumer"() {
        when:
        def flow = convert(EXAMPLE)

        then:
        flow.contains("flow { name 'icarus_production'; detector 'icarus' }")
        flow.contains("stage('reconstruction') {\n    inputs files('/data/icarus/run2/*.root')\n    group 1\n    throttle 100\n    profile 's3df_ampere'\n")
        flow.contains("step spine(config: params.configDir + '/' + 'infer/icarus/latest_data.cfg', flashmatch: true)")
        flow.contains("stage('analysis') {\n    dependsOn 'reconstruction'\n    inputs outputsOf('reconstruction')\n    group 5")
        flow.contains("    throttle 20\n    profile 's3df_milano'")
        flow.contains("    cleanup 'reconstruction'\n}")
        flow.count('cleanup') == 1
    }

    def "the converted pipeline loads and validates as a .flow file"() {
        given:
        ['infer/icarus/latest_data.cfg', 'infer/icarus/analysis.cfg'].each {
            Files.createDirectories(launch.resolve(it).parent)
            Files.writeString(launch.resolve(it), 'x')
        }
        def file = imported(EXAMPLE)

        when:
        def steps = flow.step.StepRegistry.load()
        def spec = load(steps, file)
        def errors = new flow.model.Validator(steps, Profiles.load(launch), launch, flow.exec.ExecutorRegistry.load().names()).validate(spec)

        then:
        errors == []
        spec.stages().keySet().toList() == ['reconstruction', 'analysis']
    }

    def "hostile YAML values come through as Groovy string literals only: loading the imported file runs none of them"() {
        given:
        def marker = launch.resolve('PWNED')
        def touch = "new File('${marker}').text = 'x'"
        def yaml = EXAMPLE.replace('output: output_analysis/icarus_analysis.h5', "output: \"a\\n${touch}\\n//\"")
                .replace('config: infer/icarus/analysis.cfg', "config: \"x'; ${touch}; '\\u2028\${${touch}}\"")
                .replace('profile: s3df_milano', "profile: \"p\\r${touch}\"")
        def file = imported(yaml)

        when:
        def steps = flow.step.StepRegistry.load()
        def spec = load(steps, file)

        then:
        !Files.exists(marker)
        Files.readAllLines(file).every { !it.startsWith(touch) }
        spec.stages()['analysis'].step().params().config == launch.toString() + '/' + "x'; ${touch}; '\u2028\${${touch}}"
    }

    def "an unknown depends_on is an error naming the stage"() {
        when:
        convert(EXAMPLE.replace('depends_on: [reconstruction]', 'depends_on: [reco]'))

        then:
        def e = thrown(IllegalArgumentException)
        e.message.endsWith("icarus_production.yaml: stage 'analysis' depends on 'reco', which is not a stage (stages: reconstruction, analysis)")
    }

    def "a list of files stays a list, and a YAML mistake names the line"() {
        expect:
        convert(EXAMPLE.replace('files: /data/icarus/run2/*.root', 'files: [/data/a.root, /data/b.root]'))
                .contains("inputs ['/data/a.root', '/data/b.root']")

        when:
        convert("stages:\n  - name: a\n    config: [unclosed\n")

        then:
        def e = thrown(IllegalArgumentException)
        e.message =~ /icarus_production\.yaml:\d+: /
    }
}
