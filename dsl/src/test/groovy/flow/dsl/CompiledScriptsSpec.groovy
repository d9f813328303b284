package flow.dsl

import flow.step.StepRegistry
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

class CompiledScriptsSpec extends Specification {
    Path dir = Files.createTempDirectory('flow-cache-spec')
    Path cache = dir.resolve('cache')
    FlowLoader loader = new FlowLoader(StepRegistry.load(), new CompiledScripts(cache))

    def load(String text) {
        def file = dir.resolve('p.flow')
        Files.writeString(file, text)
        loader.load(file, [:], dir)
    }

    List<Path> entries() {
        Files.exists(cache) ? Files.list(cache).withCloseable { it.toList() } : []
    }

    def "a script is compiled once per text; the cached classes give the same pipeline"() {
        given:
        def text = "params { n = 2 }\nstage('a') { scan i: (1..params.n).toList(); step probe(label: 'x') }\n"

        when:
        def first = load(text)
        def cachedEntry = entries()
        def second = load(text)

        then:
        cachedEntry.size() == 1
        Files.list(cachedEntry[0]).withCloseable { it.count() } >= 2   // the script and its closures
        entries() == cachedEntry
        second.stage('a').scan() == first.stage('a').scan()
        second.stage('a').scan() == [i: [1, 2]]

        when:
        load(text.replace('n = 2', 'n = 3'))

        then:
        entries().size() == 2
    }

    def "errors in a cached script still name the file and line"() {
        given:
        def text = "stage('a') {\n  step probe(label: 'x')\n  dependsOn params.nope\n}\n"

        when:
        try { load(text) } catch (FlowDslException ignored) { }
        load(text)

        then:
        entries().size() == 1
        def e = thrown(FlowDslException)
        e.message.startsWith("${dir.resolve('p.flow')}:3: unknown parameter params.nope")
    }

    def "a syntax error is reported and nothing is cached"() {
        when:
        load("stage('a') {\n  step probe(label: 'x'\n}\n")

        then:
        def e = thrown(FlowDslException)
        e.message.startsWith("${dir.resolve('p.flow')}:3: syntax error")
        entries().isEmpty()
    }
}
