package flow.e2e

import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.sql.DriverManager

/**
 * The skim step through the real CLI on the real ROOT files of shared/data/root: the shipped
 * example pipeline, its Parquet outputs read by DuckDB (an independent reader), and the HGCAL
 * recipe checked against a real file.
 */
class SkimSpec extends Specification {
    Path launch = Files.createTempDirectory('flow skim')
    FlowCli flow = new FlowCli(launch)
    Path pipelines = Path.of(System.getProperty('flow.home'), 'workflows', 'pipelines')

    static List<List<Object>> query(String sql) {
        DriverManager.getConnection('jdbc:duckdb:').withCloseable { c ->
            c.createStatement().executeQuery(sql).withCloseable { rs ->
                def rows = []
                while (rs.next()) rows << (1..rs.metaData.columnCount).collect { rs.getObject(it) }
                rows
            }
        }
    }

    def "the example skims the HZZ events in every compression to identical Parquet tables"() {
        when:
        def run = flow.run('run', pipelines.resolve('skim-example.flow').toString(), '--run-name', 's', '--max-parallel', '2')
        def outputs = Files.list(launch.resolve('.flow/runs/s/stages/skim/tasks')).toList()
                .collect { Files.list(it.resolve('out')).toList() }.flatten().sort()
        def summaries = outputs.collect { query("SELECT count(*), sum(list_sum(good_jet_pt)), sum(NMuon), min(len(good_jet_e)) FROM '${it}'")[0] }

        then:
        run.exit == 0
        run.out.contains('run s: every task DONE')
        outputs*.fileName*.toString() == ['uproot-HZZ-lz4.parquet', 'uproot-HZZ-lzma.parquet', 'uproot-HZZ-zstd.parquet', 'uproot-HZZ.parquet']
        summaries.unique().size() == 1
        summaries[0][0] > 0 && summaries[0][3] == 2L // every kept event has at least two jets above 20 GeV
        Files.readString(launch.resolve('.flow/runs/s/stages/skim/logs/skim_0.out')).contains('events read')
    }

    def "nevents -1 reads every entry, as bye_splits writes it; nevents 100 the first 100"() {
        given:
        def hzz = Path.of(System.getProperty('flow.home'), '..', 'shared', 'data', 'root', 'uproot-HZZ.root').normalize()
        def pipeline = { String nevents ->
            def file = launch.resolve("n${nevents.replace(' ', '').replace('-', 'minus')}.flow")
            Files.writeString(file, "stage('s') { inputs files('${hzz}'); ${nevents}; keep 'NMuon'; step skim(tree: 'events') }\n")
            file.toString()
        }

        when:
        def all = flow.run('run', pipeline('nevents -1'), '--run-name', 'all')
        def unlimited = flow.run('run', pipeline('nevents(-1)'), '--run-name', 'unlimited')
        def first = flow.run('run', pipeline('nevents 100'), '--run-name', 'first')
        def wrong = flow.run('validate', pipeline('nevents -5'))
        def rows = { String run -> query("SELECT count(*) FROM '${launch.resolve(".flow/runs/${run}/stages/s/tasks/0/out/uproot-HZZ.parquet")}'")[0][0] }

        then:
        all.exit == 0 && unlimited.exit == 0 && first.exit == 0
        rows('all') == rows('unlimited')
        rows('all') > 100
        rows('first') == 100
        wrong.exit == 2
        wrong.err.contains(':1: nevents must be -1 (every entry) or at least 1, got -5')
    }

    def "the HGCAL recipe validates, and on a file without HGCAL columns says which column is missing before reading events"() {
        given:
        def hzz = Path.of(System.getProperty('flow.home'), '..', 'shared', 'data', 'root', 'uproot-HZZ.root').normalize()

        when:
        def check = flow.run('validate', pipelines.resolve('hgcal-skim.flow').toString(), '--param', "inputs=${hzz}", '--param', 'particles=electrons')
        def run = flow.run('run', pipelines.resolve('hgcal-skim.flow').toString(), '--param', "inputs=${hzz}", '--param', 'tree=events',
                '--run-name', 'h')

        then:
        check.exit == 0
        run.exit == 1
        Files.readString(launch.resolve('.flow/runs/h/stages/skim/tasks/0/result.json')).contains("unknown column 'genpart_gen'")
    }
}
