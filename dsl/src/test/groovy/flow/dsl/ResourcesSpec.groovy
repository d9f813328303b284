package flow.dsl

import flow.profile.Profiles
import flow.util.Suggestions
import spock.lang.Specification

import java.nio.file.Files

/** Resources are checked where they are written, before anything runs: keys known, values possible. */
class ResourcesSpec extends Specification implements DslSpecSupport {

    def "a task's memory in all: per task as given, per CPU times its CPUs (#values)"() {
        given:
        def resources = new flow.model.Resources(values)

        expect:
        resources.taskMegabytes(resources.megabytes(resources.memoryKey()).asLong) == expected

        where:
        values                                      | expected
        [cpus: 4, memory: '2g']                     | 2048
        [cpus: 4, memPerCpu: '2g']                  | 8192
        [cpus: 4, memory: '1g', memPerCpu: '500m']  | 2000
        [memPerCpu: '300m']                         | 300
    }

    def "a typo in a profile key is an error at its YAML line, with the key it meant"() {
        given:
        Files.writeString(dir.resolve('profiles.yaml'), '''\
            profiles:
              mine:
                cpus: 2
                memroy: 4g
                tiem: 2h
            '''.stripIndent())

        when:
        def found = errors("flow { profile 'mine' }\nstage('a') { step probe(label: 'x') }")

        then:
        found.contains("${dir.resolve('profiles.yaml')}:4: unknown resource 'memroy' (did you mean memory?); known: ${flow.model.ResourceKey.keys().join(', ')}".toString())
        found.any { it.startsWith("${dir.resolve('profiles.yaml')}:5: unknown resource 'tiem' (did you mean time?)") }
        found.size() == 2
    }

    def "an impossible value is an error naming the file and line that set it: #line"() {
        expect:
        errors(text).contains("${where(2)} $message".toString())

        where:
        line               | message                                                                          | text
        "memory 'lots'"    | "memory: expected an amount of memory such as 512m or 4g, got 'lots'"           | "stage('a') { step probe(label: 'x')\n memory 'lots' }"
        "time 'forever'"   | "time: expected a time such as 30m, 2h, 1d or 01:30:00, got 'forever'"        | "stage('a') { step probe(label: 'x')\n time 'forever' }"
        'cpus -4'          | "cpus: expected a whole number, 1 or more, got '-4'"                             | "stage('a') { step probe(label: 'x')\n cpus(-4) }"
        'gpus -1'          | "gpus: expected a whole number, 0 or more, got '-1'"                             | "stage('a') { step probe(label: 'x')\n gpus(-1) }"
        "memory '0g'"      | "memory: expected an amount of memory such as 512m or 4g, got '0g'"             | "stage('a') { step probe(label: 'x')\n memory '0g' }"
    }

    def "a profile's bad value is reported once, however many stages use it"() {
        given:
        Files.writeString(dir.resolve('profiles.yaml'), 'profiles:\n  p: { gpus: -1, time: 2h }\n')

        expect:
        errors("flow { profile 'p' }\nstage('a') { step probe(label: 'x') }\nstage('b') { step probe(label: 'y') }") ==
                ["${dir.resolve('profiles.yaml')}:2: gpus: expected a whole number, 0 or more, got '-1'".toString()]
    }

    def "a key set to nothing (gpus: ~) unsets what an earlier file gave, and is no error"() {
        given:
        Files.writeString(dir.resolve('profiles.yaml'), 'profiles:\n  s3df_ampere: { gpus: ~, partition: debug }\n')

        expect:
        errors("flow { profile 's3df_ampere' }\nstage('a') { step probe(label: 'x') }") == []
        Profiles.load(dir).find('s3df_ampere').get().containsKey('gpus')
    }

    def "the shipped profiles are all valid"() {
        given:
        def profiles = Profiles.load(dir)

        expect:
        profiles.names().every { name ->
            flow.model.ResourceKey.check(profiles.find(name).get(), { key -> profiles.where(name, key) }).isEmpty()
        }
    }

    def "a site's default account reaches only the profiles and detectors of its own file"() {
        given: 'the shipped s3df.yaml has defaults: account: neutrino:ml-dev'
        def profiles = Profiles.load(dir)

        expect:
        profiles.siteDefault('s3df_milano', null, 'account').get() == 'neutrino:ml-dev'
        profiles.siteDefault('default', null, 'account').isEmpty()
        profiles.siteDefault('lxplus_workday', null, 'account').isEmpty()
        profiles.siteDefault('default', 'icarus', 'account').get() == 'neutrino:ml-dev'
    }

    def "suggestions: within two edits, a swap of neighbours being one"() {
        expect:
        Suggestions.didYouMean(given, ['memory', 'memPerCpu', 'time', 'cpus']) == expected

        where:
        given     | expected
        'memroy'  | ' (did you mean memory?)'
        'tiem'    | ' (did you mean time?)'
        'CPUS'    | ' (did you mean cpus?)'
        'walltime'| ''
    }
}
