package flow.dsl

import spock.lang.Specification

import java.nio.file.Files

class ValidatorSpec extends Specification implements DslSpecSupport {

    def "a valid pipeline has no errors"() {
        given:
        Files.writeString(dir.resolve('a.txt'), 'a')

        expect:
        errors('''
            stage('a') { inputs files('*.txt'); step probe(label: 'x') }
            stage('b') { dependsOn 'a'; inputs outputsOf('a'); step probe(label: 'y'); cleanup 'a' }
        ''') == []
    }

    def "each mistake is reported with file, line and what was expected"() {
        expect:
        errors(text).contains("${where(line)} ${message.replace('KNOWN', flow.profile.Profiles.load(dir).names().join(', '))}".toString())

        where:
        line | message                                                                         | text
        3    | "stage 'b' depends on unknown stage 'nope'"                                      | '''
            stage('a') { step probe(label: 'x') }
            stage('b') { dependsOn 'nope'; step probe(label: 'x') }'''
        2    | "dependency cycle: a -> c -> b -> a"                                            | '''
            stage('a') { dependsOn 'c'; step probe(label: 'x') }
            stage('b') { dependsOn 'a'; step probe(label: 'x') }
            stage('c') { dependsOn 'b'; step probe(label: 'x') }'''
        3    | "duplicate stage 'a' (first declared at line 2)"                                | '''
            stage('a') { step probe(label: 'x') }
            stage('a') { step probe(label: 'y') }'''
        3    | "unknown step 'nosuch' (known steps: probe)"                                    | '''
            stage('a') {
                step 'nosuch', label: 'x'
            }'''
        3    | "unknown parameter 'colour' for step 'probe' (expected one of: label, count, scale)" | '''
            stage('a') {
                step probe(label: 'x', colour: 'red')
            }'''
        3    | "parameter 'count' of step 'probe' must be a integer, got string 'three'"      | '''
            stage('a') {
                step probe(label: 'x', count: 'three')
            }'''
        3    | "step 'probe' needs parameter 'label' (a label)"                                | '''
            stage('a') {
                step probe(count: 2)
            }'''
        5    | "outputsOf('b') in stage 'a': 'b' is not upstream of 'a' (add dependsOn 'b')"  | '''
            stage('b') { step probe(label: 'x') }
            stage('a') {
                step probe(label: 'x')
                inputs outputsOf('b')
            }'''
        2    | "unknown profile 'huge' (known: KNOWN)"                                          | '''
            flow { profile 'huge' }
            stage('a') { step probe(label: 'x') }'''
        4    | "unknown profile 'tiny' (known: KNOWN)"                                          | '''
            stage('a') {
                step probe(label: 'x')
                profile 'tiny'
            }'''
        2    | "stage 'a' has no step"                                                          | '''
            stage('a') { group 2 }'''
        4    | "cleanup 'b' in stage 'a': 'b' is not upstream of 'a' (add dependsOn 'b')"      | '''
            stage('b') { step probe(label: 'x') }
            stage('a') { step probe(label: 'x')
                cleanup 'b'
            }'''
    }

    def "a glob that matches nothing is an error unless optional"() {
        expect:
        errors('''
            stage('a') {
                inputs files('data/*.root')
                step probe(label: 'x')
            }
        ''') == ["${where(3)} files('data/*.root') matches no file (in $dir); write files('data/*.root', optional: true) if that is expected".toString()]

        errors('''
            stage('a') {
                inputs files('data/*.root', optional: true)
                step probe(label: 'x')
            }
        ''') == []
    }

    def "every problem is reported at once"() {
        when:
        def all = errors('''
            stage('a') { dependsOn 'x'; step probe(label: 'x') }
            stage('b') { step probe() }
        ''')

        then:
        all.size() == 2
        all[0].startsWith(where(2).toString())
        all[1].startsWith(where(3).toString())
    }
}
