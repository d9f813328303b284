package flow.steps

import flow.steps.convolve.ClusterConverter
import flow.steps.convolve.Numerics
import flow.steps.convolve.PulseTable
import flow.steps.convolve.PythonFormat
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.util.zip.GZIPInputStream
import java.util.zip.GZIPOutputStream

/** The convolve step against the reference data the original implementation produced (shared/data/smartpix). */
class ConvolveSpec extends Specification {
    static final Path DATA = Path.of(System.getProperty('flow.home'), '..', 'shared', 'data', 'smartpix').normalize()
    Path dir = Files.createTempDirectory('convolve')

    static String gunzip(Path file) {
        new GZIPInputStream(Files.newInputStream(file)).withCloseable { new String(it.readAllBytes(), 'US-ASCII') }
    }

    static void gzip(Path file, String text) {
        new GZIPOutputStream(Files.newOutputStream(file)).withCloseable { it.write(text.getBytes('US-ASCII')) }
    }

    def convert(Path input, Path pulses = DATA.resolve('pulse_response.csv')) {
        new ClusterConverter(PulseTable.read(pulses)).convert(input, dir)
    }

    def "the output is the original's, byte for byte after decompression: #name on #threads CPUs"() {
        when:
        def out = new ClusterConverter(PulseTable.read(DATA.resolve('pulse_response.csv')), threads).convert(DATA.resolve("${name}.out.gz"), dir)

        then:
        out.fileName.toString() == "convolved_output_${name}.out.gz"
        gunzip(out) == gunzip(DATA.resolve("convolved_output_${name}.out.gz"))

        where:
        name                    | threads
        'pixel_clusters_d00001' | 1
        'pixel_clusters_d00002' | 1
        'pixel_clusters_d00002' | 2
    }

    /** The sample's 4 clusters repeated {@code times} times, as one file. */
    Path repeated(int times, String name) {
        def lines = gunzip(DATA.resolve('pixel_clusters_d00001.out.gz')).readLines()
        def input = dir.resolve(name)
        gzip(input, (lines.take(2) + (1..times).collectMany { lines.drop(2) }).join('\n') + '\n')
        input
    }

    def "with #threads threads the output is the same, in the same order"() {
        given: '40 clusters, more than the clusters in flight'
        def input = repeated(10, 'forty.out.gz')
        def serial = gunzip(convert(input))
        def parallelDir = Files.createDirectories(dir.resolve('parallel'))

        when:
        def parallel = gunzip(new ClusterConverter(PulseTable.read(DATA.resolve('pulse_response.csv')), threads).convert(input, parallelDir))

        then:
        parallel == serial
        parallel.count('<cluster>') == 40

        where:
        threads << [2, 3, 8]
    }

    def "with several threads, an error in a late cluster names its line and leaves no output: #fault"() {
        given: 'the 30th of 40 clusters damaged'
        def input = repeated(10, 'late.out.gz')
        def lines = gunzip(input).readLines()
        int cluster30 = lines.findIndexValues { it == '<cluster>' }[29] as int
        damage.call(lines, cluster30 + 3)
        gzip(input, lines.join('\n') + '\n')

        when:
        new ClusterConverter(PulseTable.read(DATA.resolve('pulse_response.csv')), 2).convert(input, dir)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.startsWith("$input:${cluster30 + line}: $expected")
        Files.list(dir).noneMatch { it.fileName.toString().contains('convolved_output_late') }

        where:
        fault                                    | line | expected                                         | damage
        'a non-number, found while rendering'    | 4    | "'x' is not a number"                            | { List l, int row -> l[row] = l[row].replaceFirst('0.0', 'x') }
        'a missing row, found while reading'     | 36   | 'time slice of 16 rows where the cluster has 15' | { List l, int row -> l.remove(row) }
    }

    def "Python's %.1f: half-even on the exact binary value, and a negative zero keeps its sign"() {
        expect:
        format(v) == expected

        where:
        v                   | expected
        0.25d               | '0.2'
        0.35d               | '0.3'     // 0.35 is 0.34999999999999997779... in binary
        0.05d               | '0.1'     // 0.05000000000000000277...
        2.675d              | '2.7'
        -0.04d              | '-0.0'
        -0.0d               | '-0.0'
        0.0d                | '0.0'
        -12.25d             | '-12.2'
        123456.75d          | '123456.8'
        1e16d               | '10000000000000000.0'
    }

    static String format(double v) {
        def sb = new flow.steps.convolve.AsciiBuffer(16)
        PythonFormat.oneDecimal(sb, v)
        sb.toString()
    }

    def "the numeric core is a pure function: a step of charge gives the pulse itself, scaled"() {
        given: 'a charge of q electrons arriving in the first slice'
        double step = 1e-11
        double[] charge = [0, 1000, 1000, 1000, 1000] as double[]
        double[] pulse = (0..<700).collect { it / 700d } as double[]
        double[] out = new double[31]

        when:
        Numerics.respond(charge, pulse, step, 20, out)

        then: 'the current is q·e/(2·step) in slices 0..1 (central differences), so y[k] = 1000·step·Σ current·pulse'
        double c0 = 1000 * Numerics.E / step, c1 = 1000 * Numerics.E / (2 * step)
        Math.abs(out[1] - 1000 * step * (c0 * pulse[20] + c1 * pulse[19])) < 1e-12
        Numerics.samplesInWindow(1e-11, 20, 6e-9) == 31
        Numerics.samplesInWindow(2e-10, 1, 6e-9) == 31
    }

    def "a pixel without charge responds with exactly +0.0, as the full computation gives"() {
        given:
        double[] out = new double[31]
        Arrays.fill(out, 7d)

        when:
        Numerics.respond(new double[400], (0..<700).collect { -it / 700d } as double[], 1e-11, 20, out)

        then:
        out.every { it == 0d && 1 / it > 0 }
        format(out[0]) == '0.0'
    }

    def "a pixel whose charge never changes has no current and responds with +0.0"() {
        given:
        double[] out = new double[31]

        when:
        Numerics.respond([250.0d] * 400 as double[], (0..<700).collect { it / 700d } as double[], 1e-11, 20, out)

        then:
        out.every { it == 0d && 1 / it > 0 }
    }

    def "skipping the terms where the current is zero changes no bit of the sums"() {
        given: 'charges that rise after a quiet start and then stay collected, and the full sum over every term'
        def random = new Random(seed)
        int n = 400, quiet = random.nextInt(100), rise = 1 + random.nextInt(200)
        double[] charge = new double[n]
        for (int k = quiet + 1; k < n; k++) charge[k] = charge[k - 1] + (k <= quiet + rise ? random.nextDouble() * 50 : 0)
        double[] pulse = (0..<3000).collect { Math.sin(it / 300d) * 1e14 } as double[]
        double step = 1e-11
        double[] current = Numerics.current(charge, step)
        double[] full = (0..<31).collect { s ->
            double sum = 0
            for (int j = 0; j <= Math.min(s * 20, n - 1); j++) sum += current[j] * pulse[s * 20 - j]
            sum * step * 1000
        } as double[]
        double[] out = new double[31]

        when:
        Numerics.respond(charge, pulse, step, 20, out)

        then:
        (0..<31).every { Double.doubleToRawLongBits(out[it]) == Double.doubleToRawLongBits(full[it]) }

        where:
        seed << (1..20)
    }

    def "numpy's arange and interp"() {
        expect:
        Numerics.arange(0.5, 1.0, 0.1, 100).length == 5
        Numerics.arange(0.5, 1.0, 0.1, 3) == [0.5d, 0.6d, 0.7d] as double[]
        Numerics.arange(1.0, 1.0, 0.1, 100).length == 0
        Numerics.interp([0.0, 0.5, 1.0, 2.0, 3.5] as double[], [0.0, 1.0, 3.0] as double[], [0.0, 10.0, 30.0] as double[]) ==
                [0.0, 5.0, 10.0, 20.0, 30.0] as double[]
    }

    def "a skipped or malformed column pair is an error naming the column"() {
        given:
        def csv = dir.resolve('bad.csv')
        Files.writeString(csv, 'time Q = 200 e X,vout (transient sweep) charge Q = 200 e Y,time x,vout (transient sweep) charge Q = 400 e Y\n' +
                '6e-8,0.0,6e-8,0.0\n7e-8,1.0,,2.0\n')

        when:
        PulseTable.read(csv)

        then:
        def e = thrown(IllegalArgumentException)
        e.message == "${csv}:3: column pair 2 ('vout (transient sweep) charge Q = 400 e Y') has a voltage without a time".toString()
    }

    def "pulses of different lengths work, one of them shorter than the 6 ns output window"() {
        given: 'the second pulse ends 5.8 ns after the window start, before the last output samples'
        def csv = dir.resolve('uneven.csv')
        def rows = (0..<200).collect { k ->
            def t = 4e-8 + k * 2.5e-10
            k < 65 ? "$t,${k * 1e-3},$t,${k * 2e-3}" : "$t,${k * 1e-3},,"
        }
        Files.writeString(csv, 'time,vout (transient sweep) charge Q = 200 e Y,time,vout (transient sweep) charge Q = 400 e Y\n' + rows.join('\n') + '\n')

        when:
        def table = PulseTable.resample(PulseTable.read(csv), 1e-11, 601)

        then:
        table.pulses[0].length == 601
        table.pulses[1].length < 601
        convert(DATA.resolve('pixel_clusters_d00001.out.gz'), csv).toFile().exists()
    }

    def "the slice step is read from the header: 20 ps slices give the same 31 output slices of 200 ps"() {
        given: 'the sample resampled to 20 ps: every second slice'
        def text = gunzip(DATA.resolve('pixel_clusters_d00001.out.gz'))
        def lines = text.readLines()
        def out = new StringBuilder()
        boolean keep = true
        lines.eachWithIndex { line, i ->
            if (i == 1) { out << '50.000000  12.500000  100.000000  20.000000\n'; return }
            def m = line =~ /<time slice ([0-9.]+) ps>/
            if (m) {
                double t = m[0][1] as double
                keep = ((t / 10) as int) % 2 == 0
                if (keep) out << "<time slice ${String.format('%.6f', t)} ps>\n"
                return
            }
            if (line.startsWith('<cluster>')) keep = true
            if (keep) out << line << '\n'
        }
        def input = dir.resolve('pixel_clusters_20ps.out.gz')
        gzip(input, out.toString())

        when:
        def result = gunzip(convert(input)).readLines()

        then:
        result.count { it.startsWith('<time slice') } == 4 * 31
        result.findAll { it.startsWith('<time slice') }.take(31).last() == '<time slice 6000.000000 ps>'
    }

    def "malformed input is an error naming the file and line, and no output is left under the final name"() {
        given:
        def good = gunzip(DATA.resolve('pixel_clusters_d00001.out.gz'))
        def input = dir.resolve('broken.out.gz')
        gzip(input, damage.call(good))

        when:
        convert(input)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.startsWith(input.toString() + (line ? ":$line:" : ':'))
        e.message.contains(expected)
        !Files.exists(dir.resolve('convolved_output_broken.out.gz'))
        Files.list(dir).noneMatch { it.fileName.toString().contains('convolved_output_broken') }

        where:
        line | expected                                             | damage
        7    | "row of 16 values where the cluster's rows have 15" | { String t -> t.replaceFirst(/(?m)^((?:0\.0 ){15})0\.0\s*$/, '$1') }
        6    | "'x1.5' is not a number"                            | { String t -> t.replaceFirst(/(?m)^0\.0/, 'x1.5') }
        4    | 'expected 9 meta numbers after <cluster>, got 3'   | { String t -> t.replaceFirst(/(?m)^(-?[0-9.]+ -?[0-9.]+ -?[0-9.]+) .*$/, '$1') }
        2    | 'does not divide the 200 ps output step'            | { String t -> t.replaceFirst('10.000000', '30.000000') }
    }

    def "how rows are written does not change the result: #layout"() {
        given: 'the sample rewritten; rows of zeros, and rows that repeat the slice before, are then recognised in other forms or not at all'
        def plain = gunzip(convert(DATA.resolve('pixel_clusters_d00001.out.gz')))
        def input = dir.resolve('rewritten.out.gz')
        def lines = gunzip(DATA.resolve('pixel_clusters_d00001.out.gz')).readLines()
        boolean inSlice = false
        def text = new StringBuilder()
        lines.eachWithIndex { String line, int i ->
            if (line.startsWith('<')) inSlice = line.startsWith('<time slice')
            text << rewrite.call(line, i, inSlice && !line.startsWith('<'))
        }
        gzip(input, text.toString())

        expect:
        gunzip(convert(input)) == plain.replace('pixel_clusters_d00001', 'rewritten')

        where:
        layout                                 | rewrite
        'a trailing blank on every row'        | { String line, int i, boolean row -> row ? line + ' \n' : line + '\n' }
        'CRLF line endings'                    | { String line, int i, boolean row -> line + '\r\n' }
        'a trailing blank on every third row'  | { String line, int i, boolean row -> row && i % 3 == 0 ? line + ' \n' : line + '\n' }
        'blank lines between slices'           | { String line, int i, boolean row -> line.startsWith('<time') ? '\n' + line + '\n' : line + '\n' }
        'no newline after the last row'        | { String line, int i, boolean row -> i == 0 ? line : '\n' + line }
        'charges with one more decimal (14.80) on every other row' | { String line, int i, boolean row ->
            row && i % 2 == 0 ? line.split(' ').collect { it == '0.0' ? it : it + '0' }.join(' ') + '\n' : line + '\n' }
    }

    def "an error after thousands of rows of zeros still names its line"() {
        given: 'the last row of zeros of the file cut to 15 values'
        def lines = gunzip(DATA.resolve('pixel_clusters_d00001.out.gz')).readLines()
        int last = lines.findLastIndexOf { it ==~ /((0\.0 ){15})0\.0\s*/ }
        lines[last] = (['0.0'] * 15).join(' ')
        def input = dir.resolve('late.out.gz')
        gzip(input, lines.join('\n') + '\n')

        when:
        convert(input)

        then:
        last > 20_000
        def e = thrown(IllegalArgumentException)
        e.message.startsWith("$input:${last + 1}: row of 15 values where the cluster's rows have 16")
    }

    def "a truncated gzip stream is an error naming the file, with no output left behind"() {
        given:
        def bytes = Files.readAllBytes(DATA.resolve('pixel_clusters_d00001.out.gz'))
        def input = Files.write(dir.resolve('cut.out.gz'), Arrays.copyOf(bytes, bytes.length.intdiv(2)))

        when:
        convert(input)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.startsWith("${input}: truncated or corrupt gzip stream")
        Files.list(dir).noneMatch { it.fileName.toString().contains('convolved_output_cut') }
    }

    def "an input with no cluster gives a header-only output"() {
        given:
        def input = dir.resolve('empty.out')
        Files.writeString(input, 'pixelav header\n50.000000  12.500000  100.000000  10.000000\n')

        expect:
        gunzip(convert(input)) == 'pixelav header\n50.000000 12.500000 100.000000 200.000000\n'
    }
}
