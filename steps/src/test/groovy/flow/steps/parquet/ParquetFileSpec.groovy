package flow.steps.parquet

import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

import static flow.steps.parquet.OutputColumn.Kind.*

/** Files written by ParquetFile, read back by an independent reader: DuckDB's JDBC driver. */
class ParquetFileSpec extends Specification {
    Path dir = Files.createTempDirectory('parquet')

    def "scalars of every kind and list columns (empty lists included) read back exactly"() {
        given:
        def file = dir.resolve('out.parquet')
        def columns = [
                new OutputColumn('event', INT64, null, [7L, 8L, Long.MAX_VALUE] as long[], null, null),
                new OutputColumn('n', INT32, [1, -2, 3] as double[], null, null, null),
                new OutputColumn('pass', BOOLEAN, [1, 0, 1] as double[], null, null, null),
                new OutputColumn('weight', DOUBLE, [0.5, 1e-300, -2.25] as double[], null, null, null),
                new OutputColumn('tag', STRING, null, null, ['a b', 'ünï', ''] as String[], null),
                new OutputColumn('good_tc_pt', FLOAT, [1.5, 2.5, 3.5, 4.5] as double[], null, null, [0, 3, 3, 4] as int[]),
                new OutputColumn('names', STRING, null, null, ['x', 'y'] as String[], [0, 0, 1, 2] as int[])]

        when:
        ParquetFile.write(file, columns, 3, 'flow test')
        def rows = DuckDb.query("SELECT event, n, pass, weight, tag, good_tc_pt, names FROM '${file}' ORDER BY event")
        def types = DuckDb.query("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '${file}')")

        then:
        rows == [[7L, 1, true, 0.5d, 'a b', [1.5f, 2.5f, 3.5f], []],
                 [8L, -2, false, 1e-300d, 'ünï', [], ['x']],
                 [Long.MAX_VALUE, 3, true, -2.25d, '', [4.5f], ['y']]]
        types == [['event', 'BIGINT'], ['n', 'INTEGER'], ['pass', 'BOOLEAN'], ['weight', 'DOUBLE'], ['tag', 'VARCHAR'],
                  ['good_tc_pt', 'FLOAT[]'], ['names', 'VARCHAR[]']]
        DuckDb.query("SELECT compression FROM parquet_metadata('${file}') GROUP BY compression") == [['ZSTD']]
        !Files.list(dir).anyMatch { it.fileName.toString().endsWith('.tmp') }
    }

    def "many rows span several pages and still read back in order"() {
        given:
        int rows = ParquetFile.ROWS_PER_PAGE * 2 + 17
        int[] offsets = (0..rows).collect { it * 2 } as int[]
        def file = dir.resolve('big.parquet')

        when:
        ParquetFile.write(file, [new OutputColumn('i', INT32, (0..<rows).collect { it as double } as double[], null, null, null),
                                 new OutputColumn('pair', DOUBLE, (0..<2 * rows).collect { it as double } as double[], null, null, offsets)],
                rows, 'flow test')

        then:
        DuckDb.query("SELECT count(*), sum(i), sum(list_sum(pair)), min(len(pair)), max(len(pair)) FROM '${file}'") ==
                [[(long) rows, (0..<rows).sum() as BigInteger, (0..<2 * rows).sum() as double, 2L, 2L]]
        DuckDb.query("SELECT pair FROM '${file}' WHERE i = ${rows - 1}") == [[[2d * (rows - 1), 2d * (rows - 1) + 1]]]
    }

    def "a column of the wrong length is refused and nothing is left behind"() {
        when:
        ParquetFile.write(dir.resolve('bad.parquet'), [new OutputColumn('x', DOUBLE, [1, 2] as double[], null, null, null)], 3, 'flow test')

        then:
        def e = thrown(IllegalArgumentException)
        e.message == 'column x has 2 rows, not 3'
        Files.list(dir).count() == 0
    }
}
