package flow.steps.convolve

import spock.lang.Specification

/**
 * The pulse table's cells read as pandas 1.5's to_numeric reads them. Each expected value is
 * what Debian 12's python3-pandas 1.5.3 returned for the cell (its repr, exact), beside what a
 * correctly rounded parse gives, which differs in the first six rows.
 */
class PandasNumbersSpec extends Specification {
    static double parse(String cell) {
        byte[] b = cell.getBytes('US-ASCII')
        PandasNumbers.parse(b, 0, b.length)
    }

    def "#cell reads as pandas reads it: #pandas"() {
        expect:
        Double.doubleToRawLongBits(parse(cell)) == Double.doubleToRawLongBits(Double.parseDouble(pandas))
        (pandas == correctlyRounded) == (Double.parseDouble(cell) == Double.parseDouble(pandas))

        where:
        cell                                      | pandas                   | correctlyRounded
        '7.500000000000001e-10'                   | '7.5e-10'                | '7.500000000000001e-10'
        '2.5000000000000005e-09'                  | '2.5e-09'                | '2.5000000000000005e-09'
        '61995984703613.875'                      | '61995984703613.88'      | '61995984703613.875'
        '93238109685553.89'                       | '93238109685553.88'      | '93238109685553.89'
        '5.0000000000000004e-08'                  | '5e-08'                  | '5.0000000000000004e-08'
        '3.7499999999999996e-07'                  | '3.75e-07'               | '3.7499999999999996e-07'
        '0.000000000000000000012345678901234567'  | '0.0'                    | '1.2345678901234567e-20'
        '0.0'                                     | '0.0'                    | '0.0'
        '-0.0'                                    | '-0.0'                   | '-0.0'
        '1e-320'                                  | '1e-320'                 | '1e-320'
        '123456789012345678901.5'                 | '1.2345678901234568e+20' | '1.2345678901234568e+20'
        '-1.5E+3'                                 | '-1500.0'                | '-1500.0'
        '.5'                                      | '0.5'                    | '0.5'
        '5.'                                      | '5.0'                    | '5.0'
    }

    def "a time pandas reads as exactly 50 ns is outside the pulse window, as in the original"() {
        expect:
        !(parse('5.0000000000000004e-08') > PulseTable.WINDOW_START)
        Double.parseDouble('5.0000000000000004e-08') > PulseTable.WINDOW_START
    }

    def "what pandas cannot read is an error naming the cell: #cell"() {
        when:
        parse(cell)

        then:
        def e = thrown(NumberFormatException)
        e.message == "'$cell'"

        where:
        cell << ['', '-', '.', '1e', '1.2.3', 'abc', '1e400', '12x']
    }
}
