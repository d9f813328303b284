package flow.steps.convolve

import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.util.zip.GZIPInputStream

/**
 * Every shortcut of the convolve step against {@link OriginalConvolution}, the plain computation
 * of the readme, on random clusters of several shapes, slice steps and charge profiles
 * ({@link ClusterGenerator}): the same text, value for value, with no tolerance.
 */
class ConvolveGeneratedSpec extends Specification {
    @Shared PulseTable.Raw pulses = PulseTable.read(Path.of(System.getProperty('flow.home'), '..', 'shared', 'data', 'smartpix', 'pulse_response.csv'))
    Path dir = Files.createTempDirectory('convolve-generated')

    def "#clusters clusters of #rows×#cols, #slices slices of #stepPs ps#variant: flow's output is the plain computation's on #threads CPUs"() {
        given:
        def text = new ClusterGenerator(seed, rows, cols, slices, stepPs, messy).file(clusters)
        def input = Files.writeString(dir.resolve("generated_${seed}.out"), text)
        def expected = new OriginalConvolution(pulses).convert(text)

        when:
        def output = new ClusterConverter(pulses, threads).convert(input, dir)
        def actual = new GZIPInputStream(Files.newInputStream(output)).withCloseable { new String(it.readAllBytes(), 'US-ASCII') }

        then: 'charge reached pixels of every cluster, and the texts agree line for line'
        def charged = expected.readLines().count { it ==~ /.*[1-9].*/ && !it.startsWith('<') }
        charged > clusters
        actual.readLines().size() == expected.readLines().size()
        firstDifference(actual, expected) == null
        actual == expected

        where:
        seed | rows | cols | slices | stepPs | clusters | messy | threads
        1    | 8    | 8    | 400    | 10     | 3        | false | 1
        2    | 8    | 8    | 400    | 10     | 2        | true  | 2
        3    | 13   | 21   | 20     | 200    | 40       | true  | 1
        4    | 48   | 12   | 20     | 200    | 20       | false | 2
        5    | 16   | 16   | 80     | 50     | 10       | true  | 1
        variant = messy ? ' (trailing blanks, blank lines, CRLF, -0.0, 14.80)' : ''
    }

    /** "line N: flow '…' original '…'" for the first line that differs, or null. */
    static String firstDifference(String actual, String expected) {
        def a = actual.readLines(), e = expected.readLines()
        int i = (0..<Math.min(a.size(), e.size())).find { a[it] != e[it] } ?: -1
        i < 0 ? null : "line ${i + 1}: flow '${a[i]}' original '${e[i]}'"
    }
}
