package flow.steps.parquet

import java.sql.DriverManager

/** DuckDB, the independent reader the specs check flow's Parquet files with: rows of a query, SQL arrays as lists. */
class DuckDb {
    static List<List<Object>> query(String sql) {
        DriverManager.getConnection('jdbc:duckdb:').withCloseable { c ->
            c.createStatement().executeQuery(sql).withCloseable { rs ->
                def rows = []
                int n = rs.metaData.columnCount
                while (rs.next()) rows << (1..n).collect { i -> def v = rs.getObject(i); v instanceof java.sql.Array ? (v.array as List) : v }
                rows
            }
        }
    }
}
