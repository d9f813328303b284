package flow.steps.skim

import flow.rootio.RootFile
import flow.step.StepContext
import flow.steps.parquet.DuckDb
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/** The skim step on a real ROOT file (shared/data/root), its Parquet output read back by DuckDB. */
class SkimStepSpec extends Specification {
    static final Path HZZ = Path.of(System.getProperty('flow.home'), '..', 'shared', 'data', 'root', 'uproot-HZZ-zstd.root').normalize()
    Path out = Files.createTempDirectory('skim')

    int run(Map params) {
        def all = [define: [:], where: [], nevents: -1L] + params
        new SkimStep().run(new StepContext([HZZ], all, out, out, [:], 2, ProcessBuilder.Redirect.INHERIT, ProcessBuilder.Redirect.INHERIT))
    }

    def "defines, filters and kept columns on HZZ events, checked against the columns read directly"() {
        given: 'the expected result, computed here from the raw columns'
        def (njet, px, py, met) = RootFile.open(HZZ).withCloseable { f ->
            def t = f.tree('events'); [t.read('NJet'), t.read('Jet_Px'), t.read('Jet_Py'), t.read('MET_px')]
        }
        def expected = (0..<2421).findAll { e ->
            (px.offsets()[e]..<px.offsets()[e + 1]).any { k -> Math.hypot(px.values()[k], py.values()[k]) > 40 }
        }
        def expectedPositive = expected.sum { e -> (px.offsets()[e]..<px.offsets()[e + 1]).count { px.values()[it] > 0 } }

        when:
        run(tree: 'events', define: [jet_pt: 'sqrt(Jet_Px * Jet_Px + Jet_Py * Jet_Py)', good_jet_px: 'Jet_Px[Jet_Px > 0]',
                                     n_good: 'Length(good_jet_px)'],
                where: ['NJet >= 1', 'Any(jet_pt > 40)'], keep: ['NJet', 'good_jet_px', 'jet_pt', 'MET_p*', 'n_good'])
        def file = out.resolve('uproot-HZZ-zstd.parquet')

        then:
        DuckDb.query("SELECT count(*), sum(NJet), sum(n_good), sum(len(good_jet_px)) FROM '${file}'") ==
                [[(long) expected.size(), expected.sum { (long) njet.values()[it] } as BigInteger, expectedPositive as double, (long) expectedPositive]]
        DuckDb.query("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '${file}')") ==
                [['NJet', 'INTEGER'], ['good_jet_px', 'FLOAT[]'], ['jet_pt', 'DOUBLE[]'], ['MET_px', 'FLOAT'], ['MET_py', 'FLOAT'], ['n_good', 'DOUBLE']]
        Math.abs((DuckDb.query("SELECT sum(MET_px) FROM '${file}'")[0][0] as double) - expected.sum { met.values()[it] }) < 1e-3
        !Files.list(out).anyMatch { it.fileName.toString().endsWith('.tmp') }
    }

    def "nevents reads only the first entries"() {
        when:
        run(tree: 'events', keep: ['NJet'], nevents: 100L)

        then:
        DuckDb.query("SELECT count(*) FROM '${out.resolve('uproot-HZZ-zstd.parquet')}'") == [[100L]]
    }

    def "an unknown column, a list used as a filter or an unmatched keep stops the skim before any event is read"() {
        when:
        run(tree: 'events', where: [where], keep: keep)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.startsWith("${HZZ}:events: ".toString())
        e.message.contains(message)
        Files.list(out).count() == 0

        where:
        where                | keep             | message
        'Jet_Pxx > 1'        | ['NJet']         | "expression 'Jet_Pxx > 1', at position 1: unknown column 'Jet_Pxx' (did you mean Jet_Px?)"
        'Jet_Px > 1'         | ['NJet']         | "where 'Jet_Px > 1': a filter must give one true/false per event"
        'NJet > 1'           | ['Jets_*']       | "keep 'Jets_*' matches no column"
    }

    def "syntax errors are found when the pipeline is checked, before anything runs"() {
        expect:
        new SkimStep().check([define: [a: 'Jet_Px[Jet_Px > 0'], where: ['NJet >'], keep: ['a'], tree: 't', nevents: -1L], [] as Set) == [
                "expression 'Jet_Px[Jet_Px > 0', at position 18: expected ']'\n  Jet_Px[Jet_Px > 0\n                   ^",
                "expression 'NJet >', at position 7: the expression ends where a value was expected\n  NJet >\n        ^"]
    }
}
