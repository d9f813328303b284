package flow.util

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.NoSuchFileException
import java.nio.file.Path
import java.nio.file.attribute.FileTime
import java.util.concurrent.TimeUnit

class FileStatsSpec extends Specification {
    @TempDir
    Path dir

    def "where its library was built, it is loaded: otherwise every resume would quietly take the slow path"() {
        given:
        def arch = System.getProperty('os.arch').replace('amd64', 'x86_64')
        def built = NativeFiles.getResource("native/linux-$arch/libflowfiles.so") != null

        expect:
        NativeFiles.LOADED == built
    }

    def "files, a directory, a link and hostile names are read as NIO reads them, in one call"() {
        given:
        Files.writeString(dir.resolve('plain.dat'), 'twelve bytes')
        Files.writeString(dir.resolve("café; 'x' \"y\"\tz.dat"), 'é')
        Files.createDirectories(dir.resolve('7/out'))
        Files.writeString(dir.resolve('7/result.json'), '{}')
        Files.createSymbolicLink(dir.resolve('link'), dir.resolve('plain.dat'))
        Files.setLastModifiedTime(dir.resolve('7/result.json'), FileTime.from(1_500_000_000_123_456_789L, TimeUnit.NANOSECONDS))
        def names = ['plain.dat', "café; 'x' \"y\"\tz.dat", '7/out', '7/result.json', 'link']

        when:
        def stats = FileStats.of(dir, names)

        then:
        names.indices.every { i ->
            def file = dir.resolve(names[i])
            stats.exists(i) && stats.size(i) == Files.size(file)
                    && stats.modifiedNanos(i) == Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS)
                    && stats.modifiedMillis(i) == Files.getLastModifiedTime(file).toMillis()
                    && stats.device(i) == Files.getAttribute(file, 'unix:dev') && stats.inode(i) == Files.getAttribute(file, 'unix:ino')
        }
        stats.size(4) == 12 // the link's target
        stats.modifiedNanos(3) == 1_500_000_000_123_456_789L

        and: 'NIO, one by one, gives the same'
        def nio = FileStats.throughNio(dir, names)
        names.indices.every { i ->
            [nio.size(i), nio.modifiedNanos(i), nio.device(i), nio.inode(i)] == [stats.size(i), stats.modifiedNanos(i), stats.device(i), stats.inode(i)]
        }
    }

    def "a missing file, a dangling link and a missing directory have no attributes, and say why"() {
        given:
        Files.createSymbolicLink(dir.resolve('dangling'), dir.resolve('gone'))

        when:
        def stats = FileStats.of(dir, ['nothing.dat', 'dangling', 'no/such'])
        def elsewhere = FileStats.of(dir.resolve('not-there'), ['a.dat'])

        then:
        !stats.exists(0) && !stats.exists(1) && !stats.exists(2) && !elsewhere.exists(0)
        stats.failure(0) instanceof NoSuchFileException
        stats.failure(0).message == dir.resolve('nothing.dat').toString()
        elsewhere.failure(0) instanceof NoSuchFileException
    }
}
