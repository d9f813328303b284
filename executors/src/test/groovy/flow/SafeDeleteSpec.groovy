package flow

import flow.run.SafeDelete
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

class SafeDeleteSpec extends Specification {
    Path root = Files.createTempDirectory('flow-run')
    Path outside = Files.createTempDirectory('flow-outside')

    def "a tree inside the run is deleted, but a symlink in it is removed without touching its target"() {
        given:
        def precious = Files.writeString(outside.resolve('precious.root'), 'data')
        def out = Files.createDirectories(root.resolve('stages/s/tasks/0/out'))
        Files.writeString(out.resolve('a.txt'), 'abc')
        Files.createSymbolicLink(out.resolve('link-to-file'), precious)
        Files.createSymbolicLink(out.resolve('link-to-dir'), outside)

        when:
        def freed = SafeDelete.deleteInside(root, out)

        then:
        freed == 3
        !Files.exists(out)
        Files.readString(precious) == 'data'
        Files.exists(outside)
    }

    def "a target reached through a symlinked directory pointing outside is refused"() {
        given:
        Files.writeString(outside.resolve('x'), 'keep')
        Files.createSymbolicLink(root.resolve('escape'), outside)

        when:
        SafeDelete.deleteInside(root, root.resolve('escape/x'))

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains('not inside')
        Files.exists(outside.resolve('x'))
    }

    def "empty, root, '..' and outside paths are refused"() {
        when:
        SafeDelete.deleteInside(root, target.call(root, outside))

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains(message)
        Files.exists(root)
        Files.exists(outside)

        where:
        target << [{ Path r, Path o -> Path.of('') }, { Path r, Path o -> r }, { Path r, Path o -> r.resolve('stages/../../x') },
                   { Path r, Path o -> Path.of('/') }, { Path r, Path o -> o }]
        message << ['empty path', 'not inside', "'..'", 'root', 'not inside']
    }
}
