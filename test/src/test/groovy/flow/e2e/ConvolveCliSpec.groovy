package flow.e2e

import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.util.zip.GZIPInputStream
import java.util.zip.GZIPOutputStream

/** `flow step convolve` as a user runs it on the shared reference data and on inputs that are not cluster files. */
class ConvolveCliSpec extends Specification {
    static final Path DATA = Path.of(System.getProperty('flow.home'), '..', 'shared', 'data', 'smartpix').normalize()
    Path launch = Files.createTempDirectory('flow-convolve')
    FlowCli flow = new FlowCli(launch)

    static String gunzip(Path file) {
        new GZIPInputStream(Files.newInputStream(file)).withCloseable { new String(it.readAllBytes(), 'US-ASCII') }
    }

    FlowCli.Result convolve(Path input) {
        flow.run('step', 'convolve', '--cpus', '2', '--param', "pulses=${DATA.resolve('pulse_response.csv')}".toString(), input.toString(), '--out', 'out')
    }

    def "both reference cases come out as the original wrote them, byte for byte: #name"() {
        when:
        def run = convolve(DATA.resolve("${name}.out.gz"))

        then:
        run.exit == 0
        gunzip(launch.resolve("out/convolved_output_${name}.out.gz")) == gunzip(DATA.resolve("convolved_output_${name}.out.gz"))

        where:
        name << ['pixel_clusters_d00001', 'pixel_clusters_d00002']
    }

    def "#kind is an error naming the file, exit 2, and nothing under the output's name"() {
        given:
        def input = launch.resolve(name)
        Files.write(input, bytes())

        when:
        def run = convolve(input)

        then:
        run.exit == 2
        run.err.contains("$input") && run.err.contains(message)
        def out = launch.resolve('out')
        !Files.exists(out) || Files.list(out).withCloseable { it.count() } == 0

        where:
        kind                                 | name          | message                             | bytes
        'a 0-byte file'                      | 'zero.out'    | 'empty (0 bytes)'                   | { new byte[0] }
        'a 0-byte .gz file'                  | 'zero.out.gz' | 'empty (0 bytes)'                   | { new byte[0] }
        'an empty gzip stream'               | 'none.out.gz' | 'empty (no header line and no cluster)' | { gzipped('') }
        'a gzip stream cut short'            | 'cut.out.gz'  | 'truncated or corrupt gzip stream'  | { def b = Files.readAllBytes(DATA.resolve('pixel_clusters_d00002.out.gz')); Arrays.copyOf(b, b.length - 100) }
        'text with no slice step and no cluster' | 'text.out' | ':1: no header line with the pitches and the slice step' | { 'just a note\n'.bytes }
    }

    def "a valid header and no cluster is a header-only output"() {
        given:
        def input = Files.writeString(launch.resolve('header.out'), 'pixelav header\n50.000000  12.500000  100.000000  10.000000\n')

        expect:
        convolve(input).exit == 0
        gunzip(launch.resolve('out/convolved_output_header.out.gz')) == 'pixelav header\n50.000000 12.500000 100.000000 200.000000\n'
    }

    static byte[] gzipped(String text) {
        def bytes = new ByteArrayOutputStream()
        new GZIPOutputStream(bytes).withCloseable { it.write(text.bytes) }
        bytes.toByteArray()
    }
}
