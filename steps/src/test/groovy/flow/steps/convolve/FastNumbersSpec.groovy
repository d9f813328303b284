package flow.steps.convolve

import spock.lang.Specification

import java.nio.charset.StandardCharsets

/** flow's byte-level number parser gives exactly what Double.parseDouble gives, bit for bit. */
class FastNumbersSpec extends Specification {
    static double parse(String token) {
        byte[] bytes = ('x' + token + 'y').getBytes(StandardCharsets.ISO_8859_1)
        FastNumbers.parse(bytes, 1, bytes.length - 1)
    }

    def "every notation the data files use parses to the same double as Double.parseDouble"() {
        given:
        def random = new Random(20261121)
        def tokens = (0..<20_000).collectMany {
            double v = random.nextDouble() * Math.pow(10, random.nextInt(30) - 15) * (random.nextBoolean() ? 1 : -1)
            [Double.toString(v), String.format(Locale.ROOT, '%.1f', v), String.format(Locale.ROOT, '%.6f', v),
             String.format(Locale.ROOT, '%.3e', v), String.format(Locale.ROOT, '%.15E', v), Long.toString(random.nextInt())]
        } + ['0.0', '-0.0', '0', '00.50', '.5', '5.', '+1.25', '1e22', '1e23', '1e-22', '123456789012345e-22', '9007199254740993',
             '1.7976931348623157e308', '4.9e-324', '7.450000000000016e-08', '87057415983280.19']

        expect:
        tokens.every { Double.doubleToRawLongBits(parse(it)) == Double.doubleToRawLongBits(Double.parseDouble(it)) }
    }

    def "a token that is not a number is refused, quoted"() {
        when:
        parse(token)

        then:
        def e = thrown(NumberFormatException)
        e.message == "'$token'"

        where:
        token << ['x1.5', '1.5.2', '-', '', '1e', '1e+', 'e5', '1,5']
    }

    def "a row gives its values and its count; the count goes on past what is stored"() {
        given:
        byte[] row = ' 0.0\t1.5  -2e-3 0.0 '.getBytes(StandardCharsets.ISO_8859_1)
        double[] values = new double[3]

        expect:
        FastNumbers.parseRow(row, 0, row.length, values, 0, 3, null, 1) == 4
        values == [0.0d, 1.5d, -0.002d] as double[]
        FastNumbers.count(row, 0, row.length) == 4
    }
}
