package flow.steps.skim

import spock.lang.Specification

import static flow.steps.skim.Compiler.Shape.LIST
import static flow.steps.skim.Compiler.Shape.NUMBER

/** Selection expressions on columns built here: three events with lists of 2, 0 and 3 trigger cells. */
class ExpressionSpec extends Specification {
    static final Map<String, Compiler.Shape> SCHEMA = [run: NUMBER, met: NUMBER, tc_pt: LIST, tc_layer: LIST, tc_zside: LIST,
                                                       tc_eta: LIST, tc_phi: LIST, gen_eta: NUMBER, gen_phi: NUMBER]
    static final Map<String, Values> COLUMNS = [
            run     : Values.scalars([1, 2, 3] as double[]),
            met     : Values.scalars([10, 25, 40] as double[]),
            tc_pt   : Values.lists([0.4, 2.0, 1.5, 0.7, 3.0] as double[], [0, 2, 2, 5] as int[]),
            tc_layer: Values.lists([1, 30, 5, 28, 29] as double[], [0, 2, 2, 5] as int[]),
            tc_zside: Values.lists([1, 1, -1, 1, 1] as double[], [0, 2, 2, 5] as int[]),
            tc_eta  : Values.lists([1.6, 2.0, 1.7, 2.5, 2.9] as double[], [0, 2, 2, 5] as int[]),
            tc_phi  : Values.lists([0.1, 3.1, -3.1, 0.0, 1.0] as double[], [0, 2, 2, 5] as int[]),
            gen_eta : Values.scalars([1.6, 2.0, 2.5] as double[]),
            gen_phi : Values.scalars([0.1, -3.1, 3.1] as double[])]

    static Values eval(String text) {
        Compiler.compile(text, SCHEMA).eval(COLUMNS)
    }

    def "element-wise masks keep each event's selected elements"() {
        when:
        def v = eval('tc_pt[tc_zside == 1 && tc_layer <= 28]')

        then:
        v.data() == [0.4, 0.7] as double[]
        v.offsets() == [0, 1, 1, 2] as int[]
    }

    def "reductions give one value per event, empty lists included"() {
        expect:
        eval(text).data() == expected as double[]

        where:
        text                          | expected
        'Sum(tc_pt > 1)'              | [1, 0, 2]
        'Sum(tc_pt)'                  | [2.4, 0, 5.2]
        'Length(tc_pt)'               | [2, 0, 3]
        'Any(tc_layer > 28)'          | [1, 0, 1]
        'All(tc_zside == 1)'          | [1, 1, 0]
        'max(tc_pt[tc_zside == 1])'   | [2.0, Double.NaN, 3.0]
    }

    def "single values broadcast over lists, arithmetic and functions follow C++ precedence"() {
        expect:
        eval('met + 2 * run - 1').data() == [11, 28, 45] as double[]
        eval('-(met) / 5 > -3 || !(run != 2)').data() == [1, 1, 0] as double[]
        eval('tc_pt * met').data() == [4, 20, 60, 28, 120] as double[]
        eval('abs(tc_zside * 2)').data() == [2, 2, 2, 2, 2] as double[]
        eval('sqrt(met * 10) >= 10').data() == [1, 1, 1] as double[]
        eval('min(met, 30)').data() == [10, 25, 30] as double[]
        Math.abs(eval('atan2(1, 1)').data()[0] - Math.PI / 4) < 1e-15
    }

    def "deltaPhi wraps across ±π and deltaR pairs each element with its event's single values"() {
        when:
        def dphi = eval('deltaPhi(tc_phi, gen_phi)')
        def dr = eval('deltaR(tc_eta, tc_phi, gen_eta, gen_phi)')

        then:
        Math.abs(dphi.data()[1] - (3.1 - 0.1)) < 1e-12
        Math.abs(dphi.data()[2] - (2 * Math.PI - 6.2)) < 1e-12 // -3.1 - 3.1 wrapped
        Math.abs(dr.data()[0]) < 1e-12
        Math.abs(dr.data()[4] - Math.hypot(2.9 - 2.5, 1.0 - 3.1)) < 1e-12
        dr.offsets() == [0, 2, 2, 5] as int[]
    }

    def "deltaRNearest pairs each element with the nearest of another list of any length"() {
        given:
        def schema = SCHEMA + [g_eta: LIST, g_phi: LIST]
        def columns = COLUMNS + [g_eta: Values.lists([1.6, 9.0, 2.9, 2.5] as double[], [0, 2, 2, 4] as int[]),
                                 g_phi: Values.lists([0.1, 0.1, 1.0, 0.0] as double[], [0, 2, 2, 4] as int[])]

        when:
        def v = Compiler.compile('deltaRNearest(tc_eta, tc_phi, g_eta, g_phi)', schema).eval(columns)

        then:
        v.offsets() == [0, 2, 2, 5] as int[]
        v.data()[0] == 0d                                           // (1.6, 0.1) is itself a gen particle
        Math.abs(v.data()[1] - Math.hypot(0.4, 3.0)) < 1e-12        // nearest of two is the first
        v.data()[3] == 0d && v.data()[4] == 0d                     // each matches its own nearest
    }

    def "the columns an expression reads are known before any event is read"() {
        expect:
        Compiler.compile('Sum(tc_pt[tc_layer <= 28]) > met', SCHEMA).columns() == ['met', 'tc_layer', 'tc_pt'] as Set
        Compiler.compile('Sum(tc_pt > 10) > 0', SCHEMA).with { !jagged() && condition() }
        Compiler.compile('tc_pt[tc_zside == 1]', SCHEMA).jagged()
    }

    def "mistakes are reported with the expression and the position"() {
        when:
        Compiler.compile(text, SCHEMA)

        then:
        def e = thrown(ExpressionException)
        e.message.startsWith("expression '${text}', at position ${position}: ${message}".toString())

        where:
        text                        | position | message
        'tc_ptt > 1'                | 1        | "unknown column 'tc_ptt' (did you mean tc_pt?)"
        'met[met > 1]'              | 4        | 'cannot select elements of a value that is single per event'
        'tc_pt[tc_layer]'           | 7        | 'a mask must be a condition'
        'Sum(met)'                  | 5        | 'Sum needs a list per event'
        'Any(tc_pt)'                | 5        | 'Any needs a condition'
        'met && run'                | 1        | "'&&' needs a condition"
        'deltaR(tc_eta, tc_phi)'    | 1        | 'deltaR takes 4 arguments, not 2'
        'Mean(tc_pt)'               | 1        | "unknown function 'Mean'"
        'met > '                    | 7        | 'the expression ends where a value was expected'
        'met > 1)'                  | 8        | "unexpected ')'"
        '(met > 1'                  | 9        | "expected ')'"
    }

    def "lists of different lengths cannot be combined element by element"() {
        given:
        def other = COLUMNS + [tc_layer: Values.lists([1, 2, 3, 4, 5] as double[], [0, 1, 2, 5] as int[])]

        when:
        Compiler.compile('tc_pt + tc_layer', SCHEMA).eval(other)

        then:
        def e = thrown(ExpressionException)
        e.message.contains('lists of different lengths are combined element by element (event 0)')
    }
}
