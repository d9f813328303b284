package flow

import spock.lang.Specification

import java.nio.file.Files

class PlannerSpec extends Specification implements EngineSupport {

    def "file inputs are sorted and grouped, the last group taking the rest"() {
        given:
        ['c', 'a', 'e', 'b', 'd'].each { data("${it}.txt", it) }

        when:
        def stage = plan('''
            stage('s') { inputs files('data/*.txt'); group 2; step exec('true') }
        ''').stage('s')

        then:
        stage.tasks()*.index() == [0, 1, 2]
        stage.tasks().collect { t -> t.files().collect { Files.readString(java.nio.file.Path.of(it.path())) } } == [['a', 'b'], ['c', 'd'], ['e']]
    }

    def "a scan is the cartesian product, the last axis varying fastest"() {
        expect:
        plan('''
            stage('s') { scan threshold: [1, 2, 3], mode: ['a', 'b']; step exec('true') }
        ''').stage('s').tasks()*.scan() == [
                [threshold: 1, mode: 'a'], [threshold: 1, mode: 'b'], [threshold: 2, mode: 'a'],
                [threshold: 2, mode: 'b'], [threshold: 3, mode: 'a'], [threshold: 3, mode: 'b']]
    }

    def "outputsOf gathers every upstream task by default, and twins them with group 1"() {
        given:
        (1..4).each { data("$it", "$it") }

        when:
        def plan = plan('''
            stage('up') { inputs files('data/*'); step exec('true') }
            stage('all') { dependsOn 'up'; inputs outputsOf('up'); step exec('true') }
            stage('twin') { dependsOn 'up'; inputs outputsOf('up'); group 1; step exec('true') }
            stage('pairs') { dependsOn 'up'; inputs outputsOf('up'); group 3; step exec('true') }
        ''')

        then:
        plan.stage('all').tasks()*.upstream()*.collect { it.label() } == [['up[0..3]']]
        plan.stage('twin').tasks()*.upstream()*.collect { it.label() } == [['up[0]'], ['up[1]'], ['up[2]'], ['up[3]']]
        plan.stage('pairs').tasks()*.upstream()*.collect { it.label() } == [['up[0..2]'], ['up[3]']]
    }

    def "stages come in dependency order, declaration order where free"() {
        expect:
        plan('''
            stage('c') { dependsOn 'b'; step exec('true') }
            stage('a') { step exec('true') }
            stage('b') { dependsOn 'a'; step exec('true') }
            stage('d') { step exec('true') }
        ''').stages()*.name() == ['a', 'b', 'c', 'd']
    }

    def "identities are stable, and change with an input's content or the step's parameters"() {
        given:
        def text = '''
            params { word = 'x' }
            stage('s') { inputs files('data/*.txt'); step exec('echo ${params.word} ${inputs}') }
        '''
        def file = data('a.txt', 'one')
        data('b.txt', 'two')

        when:
        def first = plan(text).stage('s').tasks()*.id()
        def again = plan(text).stage('s').tasks()*.id()
        Files.writeString(file, 'changed content')
        def edited = plan(text).stage('s').tasks()*.id()
        def otherCommand = plan(text.replace("echo", "printf")).stage('s').tasks()*.id()
        def otherParam = plan(text, [word: 'y']).stage('s').tasks()*.id()

        then:
        first == again
        edited[0] != first[0]
        edited[1] == first[1]
        otherCommand[1] != first[1]
        otherParam[1] != first[1]
    }
}
