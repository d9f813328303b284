package flow.util

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path

class DirectoryNamesSpec extends Specification {
    @TempDir
    Path dir

    def "names come sorted as paths sort (their bytes), #with"() {
        given:
        names.each { Files.writeString(dir.resolve(it), '') }
        Files.createDirectory(dir.resolve('sub'))
        def expected = (names + 'sub').collect { dir.resolve(it) }.sort()*.fileName*.toString()

        expect:
        DirectoryNames.sorted(dir) == expected
        DirectoryNames.throughJdk(dir) == expected
        expected == (names + 'sub').sort(false) { a, b -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)) }

        where:
        with                                   | names
        'hostile names'                        | ['b.dat', 'a.dat', 'A.dat', 'é.dat', 'z.dat', "new\nline.dat", "sp ace; 'q'.dat", '.hidden', '\uFB01.dat']
        'a name outside the BMP among them'    | ['b.dat', '\uD83D\uDE00.dat', '\uFB01.dat', 'é.dat', 'a.dat']
    }

    def "a directory that is not there cannot be listed"() {
        when:
        DirectoryNames.sorted(dir.resolve('not-there'))

        then:
        def e = thrown(IOException)
        e.message.contains('not-there')
    }
}
