package flow.rootio

import org.tukaani.xz.LZMA2Options
import org.tukaani.xz.XZOutputStream
import spock.lang.Requires
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.util.zip.DataFormatException
import java.util.zip.Deflater

/**
 * libdeflate and liblzma through NativeCodecs, against the JDK's zlib and xz-java: the same bytes
 * from every compressed record of the real files and from blocks made here, and broken blocks
 * refused. The library is built wherever libdeflate-dev and liblzma-dev are installed (CI installs
 * them), and there it must be the one in use, not silently replaced by the JDK's codecs.
 */
class NativeCodecsSpec extends Specification {
    static final Path DATA = RootFilesSpec.DATA

    def "the native codecs are built where their headers are, and loaded wherever they are built"() {
        given:
        String arch = System.getProperty('os.arch').replace('amd64', 'x86_64')
        boolean built = NativeCodecs.getResource("native/linux-$arch/libflowcodecs.so") != null
        boolean headers = Files.exists(Path.of('/usr/include/libdeflate.h')) && Files.exists(Path.of('/usr/include/lzma.h'))

        expect:
        built == headers
        NativeCodecs.LOADED == built
    }

    @Requires({ NativeCodecs.LOADED })
    def "every zlib and LZMA record of the real files decodes to the same bytes natively as with the JDK's codecs"() {
        given:
        Map<String, Integer> compared = [:].withDefault { 0 }

        when:
        Files.list(DATA).filter { it.toString().endsWith('.root') }.sorted().forEach { Path path ->
            RootFile.open(path).withCloseable { RootFile f ->
                f.treeNames().keySet().each { String name ->
                    Tree tree = f.tree(name)
                    tree.branchNames().each { String b ->
                        Branch branch = tree.branch(b)
                        for (int i = 0; i < Math.min(branch.writeBaskets(), 20); i++) {
                            byte[] record = f.read(branch.basketSeek()[i], branch.basketBytes()[i])
                            Key key = Key.read(new RootBuffer(record, 0, 0, path.toString()))
                            int length = key.nbytes() - key.keylen()
                            if (length == key.objlen()) continue
                            String algorithm = new String(record, key.keylen(), 2, 'ISO-8859-1')
                            String where = "$path $name/$b basket $i"
                            assert Decompression.inflate(record, key.keylen(), length, key.objlen(), where, true) ==
                                    Decompression.inflate(record, key.keylen(), length, key.objlen(), where, false): where
                            compared[algorithm]++
                        }
                    }
                }
            }
        }

        then: 'both codecs the native library takes were met, many times'
        compared['ZL'] > 300
        compared['XZ'] > 50
    }

    @Requires({ NativeCodecs.LOADED })
    def "blocks made here decode to their data: zlib, bare deflate and xz"() {
        given:
        byte[] data = sample(200_000)
        byte[] zlibBlock = zlib(data, false), deflateBlock = zlib(data, true), xzBlock = xz(data)
        byte[] out = new byte[data.length + 10]

        when:
        NativeCodecs.inflate(zlibBlock, 0, zlibBlock.length, out, 10, data.length, false)
        then:
        Arrays.copyOfRange(out, 10, out.length) == data

        when:
        Arrays.fill(out, (byte) 0)
        NativeCodecs.inflate(deflateBlock, 0, deflateBlock.length, out, 10, data.length, true)
        then:
        Arrays.copyOfRange(out, 10, out.length) == data

        when:
        Arrays.fill(out, (byte) 0)
        NativeCodecs.unxz(xzBlock, 0, xzBlock.length, out, 10, data.length)
        then:
        Arrays.copyOfRange(out, 10, out.length) == data
    }

    @Requires({ NativeCodecs.LOADED })
    def "a truncated, corrupt or wrongly sized block is an error, never short or garbled output"() {
        given:
        byte[] data = sample(100_000)
        byte[] packed = codec == 'xz' ? xz(data) : zlib(data, false)
        byte[] input = damage(packed)
        byte[] out = new byte[data.length]

        when:
        if (codec == 'xz') NativeCodecs.unxz(input, 0, input.length, out, 0, size(data.length))
        else NativeCodecs.inflate(input, 0, input.length, out, 0, size(data.length), false)

        then:
        DataFormatException e = thrown()
        e.message.contains(message)

        where:
        codec  | damage                                           | size              | message
        'zlib' | { byte[] p -> Arrays.copyOf(p, p.length - 100) } | { int n -> n }     | 'corrupt or truncated'
        'zlib' | { byte[] p -> p[20] ^= 0x5a; p }                 | { int n -> n }     | 'corrupt or truncated'
        'zlib' | { byte[] p -> p }                                | { int n -> n - 1 } | 'more than the 99999 bytes announced'
        'zlib' | { byte[] p -> p }                                | { int n -> n + 1 } | 'decoded 100000 of 100001 bytes'
        'xz'   | { byte[] p -> Arrays.copyOf(p, p.length - 10) }  | { int n -> n }     | 'corrupt or truncated'
        'xz'   | { byte[] p -> p }                                | { int n -> n - 1 } | 'more than the 99999 bytes announced'
    }

    @Requires({ NativeCodecs.LOADED })
    def "a broken block in a record is reported with the record it belongs to"() {
        given: 'a ROOT record of one ZL block whose deflate data is cut short'
        byte[] data = sample(5_000)
        byte[] packed = Arrays.copyOf(zlib(data, false), 300)
        byte[] record = new byte[9 + packed.length]
        record[0] = (byte) 'Z'; record[1] = (byte) 'L'; record[2] = 8
        [3: packed.length, 6: data.length].each { int at, int n -> (0..2).each { record[at + it] = (byte) (n >> (8 * it)) } }
        System.arraycopy(packed, 0, record, 9, packed.length)

        when:
        Decompression.inflate(record, 0, record.length, data.length, 'f.root: events/px basket 3', true)

        then:
        RootException e = thrown()
        e.message == 'f.root: events/px basket 3: cannot decompress a ZL block (corrupt or truncated data)'
    }

    /** Numbers as a detector writes them: compressible, not trivially. */
    static byte[] sample(int n) {
        Random random = new Random(7)
        byte[] b = new byte[n]
        for (int i = 0; i < n; i++) b[i] = (byte) (i % 4 == 0 ? random.nextInt(256) : (i >> 6) & 0x3f)
        b
    }

    static byte[] zlib(byte[] data, boolean raw) {
        Deflater d = new Deflater(6, raw)
        d.setInput(data)
        d.finish()
        byte[] out = new byte[data.length + 1000]
        int n = d.deflate(out)
        d.end()
        Arrays.copyOf(out, n)
    }

    static byte[] xz(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream()
        new XZOutputStream(bytes, new LZMA2Options(1)).withCloseable { it.write(data) }
        bytes.toByteArray()
    }
}
