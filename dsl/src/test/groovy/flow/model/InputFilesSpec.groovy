package flow.model

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.FileSystems
import java.nio.file.Files
import java.nio.file.Path

class InputFilesSpec extends Specification {
    @TempDir
    Path dir

    def "files('data/#pattern') matches what the glob's own matcher matches, sorted as paths"() {
        given:
        def data = Files.createDirectory(dir.resolve('data'))
        def names = ['f1.dat', 'f2.dat', 'g.dat', '.f.dat', 'f', 'fdat', "f\n.dat", 'x.dat.bak', 'f*.dat', 'é f;.dat', 'f.dat']
        names.each { Files.writeString(data.resolve(it), '') }
        def matcher = FileSystems.default.getPathMatcher("glob:$pattern")
        def expected = names.findAll { matcher.matches(Path.of(it)) }.collect { data.resolve(it) }.sort()

        expect:
        InputFiles.glob("data/$pattern", dir) == expected
        !expected.isEmpty()

        where:
        pattern << ['*.dat', 'f*', '*', 'f*.dat', '*f*', '.*', '{f,g}*.dat', 'f?.dat', '[fg]*', 'f\\*.dat']
    }
}
