package flow.steps.convolve

import spock.lang.Specification

import java.nio.charset.StandardCharsets
import java.nio.file.Path

/** How the reader keeps a cluster's rows: rows of zeros empty, rows that repeat the slice before shared. */
class ClusterReaderSpec extends Specification {
    static final String HEADER = 'header\n50.0 12.5 100.0 200.0\n'

    static ClusterText read(String text) {
        def pulses = PulseTable.read(Path.of(System.getProperty('flow.home'), '..', 'shared', 'data', 'smartpix', 'pulse_response.csv'))
        def lines = new ByteLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)))
        def reader = new ClusterReader(Path.of('c.out'), lines, pulses)
        assert reader.header(new AsciiBuffer(64))
        reader.next()
    }

    static String row(ClusterText c, int r) {
        new String(c.rowBytes(), c.rowFrom()[r], c.valuesEnd(r) - c.rowFrom()[r], StandardCharsets.ISO_8859_1)
    }

    def "a row of zeros is empty; a row written as in the slice before shares its bytes; any other row has its own"() {
        given: 'two rows of three pixels, three slices'
        def c = read(HEADER + '<cluster>\n1 2 3 4 5 6 7 8 9\n' +
                '<time slice 200.000000 ps>\n0.0 0.0 0.0\n0.0 1.5 0.0\n' +
                '<time slice 400.000000 ps>\n0.0 0.0 0.0 \n0.0 1.5 0.0\n' +
                '<time slice 600.000000 ps>\n2.0 0.0 0.0\n0.0 1.50 0.0\n')

        expect:
        c.rows() == 2 && c.cols() == 3 && c.slices() == 3
        (0..<6).collect { c.rowTo()[it] > c.rowFrom()[it] ? row(c, it) : '' } == ['', '0.0 1.5 0.0', '', '0.0 1.5 0.0', '2.0 0.0 0.0', '0.0 1.50 0.0']
        (0..<6).collect { c.repeatsPreviousSlice(it) } == [false, false, false, true, false, false]
        c.valueRows() as List == [1, 3, 4, 5]
        (c.rowLine() as List).take(6) == [6, 7, 9, 10, 12, 13]
    }

    def "a row repeated with another line ending is read again, and its values come without the ending"() {
        given:
        def c = read(HEADER + '<cluster>\n1 2 3 4 5 6 7 8 9\n' +
                '<time slice 200.000000 ps>\r\n0.0 1.5\r\n<time slice 400.000000 ps>\n0.0 1.5\n<time slice 600.000000 ps>\n0.0 1.5')

        expect:
        (0..<3).collect { c.repeatsPreviousSlice(it) } == [false, false, false]
        (0..<3).collect { row(c, it) } == ['0.0 1.5'] * 3
    }

    def "a cluster's first row with values, stored at the start of its bytes, is no repeat of the row of zeros above it"() {
        given: 'charge arrives in slice 2, in the row whose slice-1 twin is a row of zeros (empty: bytes 0 .. 0)'
        def c = read(HEADER + '<cluster>\n1 2 3 4 5 6 7 8 9\n' +
                '<time slice 200.000000 ps>\n0.0 0.0\n0.0 0.0\n' +
                '<time slice 400.000000 ps>\n94.7 0.0\n0.0 0.0\n' +
                '<time slice 600.000000 ps>\n94.7 0.0\n0.0 0.0\n')

        expect:
        c.rowFrom()[2] == 0 && c.rowTo()[2] > 0
        (0..<6).collect { c.repeatsPreviousSlice(it) } == [false, false, false, false, true, false]
        c.valueRows() as List == [2, 4]
    }
}
