package flow

import flow.run.Ledger
import flow.run.TaskResult
import spock.lang.Specification

import java.nio.file.Files

class ResumeSpec extends Specification implements EngineSupport {
    static final String PIPELINE = '''
        stage('prepare') { inputs files('data/*.txt'); step exec('cat ${inputs} > ${outDir}/copy; [ ! -e ${inputs}.fail ]') }
        stage('combine') { dependsOn 'prepare'; inputs outputsOf('prepare'); step exec('cat ${inputs} > ${outDir}/all') }
    '''

    def setup() {
        ['a', 'b', 'c'].each { data("${it}.txt", it) }
    }

    def "a finished run has nothing to do"() {
        given:
        def (exit, run) = run(PIPELINE)

        expect:
        exit == 0
        assess(run, PIPELINE).values().flatten().every { it.done() }
    }

    def "a failed task runs again with its reason; only it and its dependents run"() {
        given:
        data('b.txt.fail', '')
        def (exit, run) = run(PIPELINE)
        def doneBefore = Files.getLastModifiedTime(run.resultJson('prepare', 0))

        when:
        def verdicts = assess(run, PIPELINE)

        then:
        exit == 1
        verdicts.prepare*.reason() == ['done', 'failed: exit 1', 'done']
        verdicts.combine*.reason() == ['blocked (an upstream task failed)']

        when:
        Files.delete(dir.resolve('data/b.txt.fail'))
        def resumed = resume(run, PIPELINE)

        then:
        resumed == 0
        Files.getLastModifiedTime(run.resultJson('prepare', 0)) == doneBefore
        Files.readString(run.outDir('combine', 0).resolve('all')) == 'abc'
    }

    def "a changed input is named, and its consumers run again"() {
        given:
        def (exit, run) = run(PIPELINE)
        Files.writeString(dir.resolve('data/c.txt'), 'C!')

        when:
        def verdicts = assess(run, PIPELINE)

        then:
        verdicts.prepare*.reason() == ['done', 'done', 'input changed: data/c.txt']
        verdicts.combine*.reason() == ['upstream prepare[2] runs again']
    }

    def "a changed step parameter runs the stage again"() {
        given:
        def (exit, run) = run(PIPELINE)

        expect:
        assess(run, PIPELINE.replace('> ${outDir}/all', '> ${outDir}/everything')).combine*.reason() == ['step or parameters changed']
    }

    def "an output deleted from a task whose index line is current is lost, not taken as in place"() {
        given:
        def (exit, run) = run(PIPELINE)

        when:
        Files.delete(run.outDir('prepare', 1).resolve('copy'))

        then:
        assess(run, PIPELINE).prepare*.reason() == ['done', 'output lost: copy', 'done']
    }

    def "results the index has no current line for are read, and a real resume indexes them again"() {
        given:
        def (exit, run) = run(PIPELINE)
        def index = run.stageDir('prepare').resolve('results.idx')
        // a copy renamed into place: the same content, another file (as a restored or moved run directory has)
        (0..2).each { i ->
            def json = run.resultJson('prepare', i)
            Files.copy(json, json.resolveSibling('copied'))
            Files.move(json.resolveSibling('copied'), json, java.nio.file.StandardCopyOption.REPLACE_EXISTING)
        }
        def linesBefore = Files.readAllLines(index).size()

        expect:
        assess(run, PIPELINE).values().flatten().every { it.done() }
        Files.readAllLines(index).size() == linesBefore // a dry look writes nothing

        when:
        resume(run, PIPELINE) == 0

        then:
        Files.readAllLines(index).size() == linesBefore + 3
        Files.readAllLines(index).takeRight(3)*.split('\t')*.getAt(0) as Set == ['0', '1', '2'] as Set
    }

    def "a result replaced by a copy with the same size and time is another file: its index line no longer counts"() {
        given:
        def (exit, run) = run(PIPELINE)
        def index = run.stageDir('prepare').resolve('results.idx')
        def json = run.resultJson('prepare', 1)
        // cp -p: the same size and modification time; only the file (its inode) differs
        def original = Files.readAttributes(json, java.nio.file.attribute.BasicFileAttributes)
        Files.copy(json, json.resolveSibling('copied'))
        Files.setLastModifiedTime(json.resolveSibling('copied'), original.lastModifiedTime())
        Files.move(json.resolveSibling('copied'), json, java.nio.file.StandardCopyOption.REPLACE_EXISTING)
        def copy = Files.readAttributes(json, java.nio.file.attribute.BasicFileAttributes)
        assert copy.size() == original.size() && copy.lastModifiedTime() == original.lastModifiedTime() && copy.fileKey() != original.fileKey()
        def linesBefore = Files.readAllLines(index).size()

        when:
        resume(run, PIPELINE) == 0

        then:
        Files.readAllLines(index).size() == linesBefore + 1
        Files.readAllLines(index).last().split('\t')[0] == '1'
    }

    def "outputs with any name are looked for by the names the index holds, once their out/ directory changed"() {
        given:
        def pipeline = PIPELINE.replace('> ${outDir}/copy', '> ${outDir}/"café\tnote; x"')
        def (exit, run) = run(pipeline)
        // a file added beside the output changes out/: the index's names are looked for one by one
        Files.writeString(run.outDir('prepare', 1).resolve('extra'), '')

        expect:
        exit == 0
        Files.exists(run.outDir('prepare', 1).resolve('café\tnote; x'))
        assess(run, pipeline).prepare*.reason() == ['done', 'done', 'done']

        when:
        Files.delete(run.outDir('prepare', 1).resolve('café\tnote; x'))

        then:
        assess(run, pipeline).prepare*.reason() == ['done', 'output lost: café\tnote; x', 'done']
    }

    def "an index line without its newline (the head killed while appending it) is not taken: the result itself is read"() {
        given:
        def (exit, run) = run(PIPELINE)
        def index = run.stageDir('combine').resolve('results.idx')
        def text = Files.readAllBytes(index)
        assert text[-1] == (byte) '\n'
        Files.write(index, Arrays.copyOf(text, text.length - 1))

        when:
        resume(run, PIPELINE) == 0

        then: 'the result was read and indexed again, after the torn line'
        assess(run, PIPELINE).combine*.reason() == ['done']
        Files.readString(index).count('\n') == 1
        Files.readString(index).split('\n')[0].split('\t').length > 8 // the torn line and the new one, run together
    }

    def "a resume that plans every task as before leaves tasks.tsv as it is; one that plans a new task rewrites it"() {
        given:
        def (exit, run) = run(PIPELINE)
        def tsv = run.tasksTsv('prepare')
        def fileBefore = Files.readAttributes(tsv, java.nio.file.attribute.BasicFileAttributes).fileKey()

        when:
        resume(run, PIPELINE)

        then:
        Files.readAttributes(tsv, java.nio.file.attribute.BasicFileAttributes).fileKey() == fileBefore

        when:
        data('d.txt', 'd')
        resume(run, PIPELINE)

        then:
        Files.readAttributes(tsv, java.nio.file.attribute.BasicFileAttributes).fileKey() != fileBefore
        Files.readAllLines(tsv).size() == 5
    }

    def "a corrupt or truncated result.json is never taken as DONE"() {
        given:
        def (exit, run) = run(PIPELINE)
        def result = run.resultJson('prepare', 1)
        def text = Files.readString(result)

        when:
        Files.writeString(result, damaged.call(text))

        then:
        assess(run, PIPELINE).prepare[1].reason() == 'result.json unreadable'
        resume(run, PIPELINE) == 0
        TaskResult.read(result).get().succeeded()

        where:
        damaged << [{ String t -> t.substring(0, t.length() / 2 as int) }, { String t -> '' },
                    { String t -> t.replace('"exit"', '"exot"') }]
    }

    def "cleaned outputs are trusted, and regenerated only when a task that runs again needs them"() {
        given:
        def text = PIPELINE.replace("outputsOf('prepare');", "outputsOf('prepare'); cleanup 'prepare';")
        def (exit, run) = run(text)

        expect:
        exit == 0
        !Files.exists(run.outDir('prepare', 0))
        assess(run, text).values().flatten().every { it.done() }

        when:
        Files.delete(run.resultJson('combine', 0))
        def verdicts = assess(run, text)

        then:
        verdicts.prepare*.reason() == ['outputs cleaned, needed by combine[0]'] * 3
        verdicts.combine*.reason() == ['missing']
        resume(run, text) == 0
        Files.readString(run.outDir('combine', 0).resolve('all')) == 'abc'
    }

    def "an input that sorts in among the old ones is a new task; DONE tasks keep their index and are not redone"() {
        given:
        def (exit, run) = run(PIPELINE)
        def doneBefore = (0..2).collect { Files.getLastModifiedTime(run.resultJson('prepare', it)) }
        data('b0.txt', 'B')

        when:
        def verdicts = assess(run, PIPELINE)

        then: 'the old tasks keep indices 0-2, the new input takes index 3'
        verdicts.prepare*.reason() == ['done', 'done', 'done', 'missing']
        verdicts.combine*.reason() == ['upstream added: prepare[3]']

        when:
        resume(run, PIPELINE) == 0

        then:
        (0..2).collect { Files.getLastModifiedTime(run.resultJson('prepare', it)) } == doneBefore
        Files.readString(run.outDir('prepare', 3).resolve('copy')) == 'B'
        Files.readString(run.outDir('combine', 0).resolve('all')) == 'abcB'
        assess(run, PIPELINE).values().flatten().every { it.done() }
    }

    def "a removed input is reported, its task and outputs kept and never run, and its consumers run without it"() {
        given:
        def (exit, run) = run(PIPELINE)
        Files.delete(dir.resolve('data/b.txt'))

        when:
        def verdicts = assess(run, PIPELINE)

        then:
        verdicts.prepare*.reason() == ['done', 'removed: data/b.txt', 'done']
        verdicts.prepare[1].removed()
        verdicts.combine*.reason() == ['upstream removed: prepare[1]']

        when:
        def resumed = resume(run, PIPELINE)

        then:
        resumed == 0
        output().contains('stage prepare: 2 tasks, 2 done, 0 to run, 1 removed (kept, not run)')
        Files.readString(run.outDir('prepare', 1).resolve('copy')) == 'b'
        Files.readString(run.outDir('combine', 0).resolve('all')) == 'ac'

        when: 'the input comes back unchanged'
        data('b.txt', 'b')
        Files.setLastModifiedTime(dir.resolve('data/b.txt'), TaskResult.read(run.resultJson('prepare', 1)).get().inputs()[0].modified()
                .with { java.nio.file.attribute.FileTime.fromMillis(it) })

        then: 'its task is live again, and DONE'
        assess(run, PIPELINE).prepare*.reason() == ['done', 'done', 'done']
    }

    def "a scan that gains a value runs only the new point"() {
        given:
        def text = { values -> """
            stage('sweep') { scan threshold: $values, mode: ['a', 'b']; step exec('echo \${threshold}\${mode} > \${outDir}/p') }
        """ }
        def (exit, run) = run(text('[4000, 5000, 6000]'))

        when:
        def verdicts = assess(run, text('[4000, 5000, 6000, 7000]'))

        then:
        verdicts.sweep.count { !it.done() } == 2
        verdicts.sweep.findAll { !it.done() }*.index() == [6, 7]

        when: 'a value is dropped'
        verdicts = assess(run, text('[5000, 6000]'))

        then:
        verdicts.sweep.findAll { it.removed() }*.reason() == ['removed: scan point threshold=4000 mode=a', 'removed: scan point threshold=4000 mode=b']
        verdicts.sweep.count { it.done() } == 4
    }

    def "grouped inputs keep their groups when an input sorts in among them"() {
        given:
        def text = "stage('pairs') { inputs files('data/*.txt'); group 2; step exec('cat \${inputs} > \${outDir}/pair') }"
        data('d.txt', 'd')
        def (exit, run) = run(text)
        data('a0.txt', 'A')

        when:
        def verdicts = assess(run, text)

        then: 'a,b and c,d stay pairs; the new input is a task of its own'
        verdicts.pairs*.reason() == ['done', 'done', 'missing']
        resume(run, text) == 0
        Files.readString(run.outDir('pairs', 2).resolve('pair')) == 'A'
    }

    def "an input touched without a change of content runs nothing; its result is re-stamped"() {
        given:
        def (exit, run) = run(PIPELINE)
        def a = dir.resolve('data/a.txt')
        Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 60_000))

        when:
        def verdicts = assess(run, PIPELINE)

        then:
        verdicts.prepare*.done() == [true, true, true]
        verdicts.prepare[0].reason() == 'touched, same content: data/a.txt'
        verdicts.combine*.reason() == ['done']

        when: 'the same size, other bytes'
        Files.writeString(a, 'z')
        Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 120_000))

        then:
        assess(run, PIPELINE).prepare[0].reason() == 'input changed: data/a.txt'
    }

    def "a touched input's result is re-stamped by resume, so the next resume has nothing to check"() {
        given:
        def (exit, run) = run(PIPELINE)
        def a = dir.resolve('data/a.txt')
        Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 60_000))

        when:
        resume(run, PIPELINE)

        then:
        output().contains('touched, same content: data/a.txt: 0')
        output().contains('stage prepare: 3 tasks, 3 done, 0 to run')
        TaskResult.read(run.resultJson('prepare', 0)).get().inputs()[0].modified() == Files.getLastModifiedTime(a).toMillis()
        assess(run, PIPELINE).prepare[0].reason() == 'done'
    }

    def "outputs a cleanup began to delete are cleaned, not lost; outputs deleted by anything else are lost"() {
        given:
        def text = PIPELINE.replace("outputsOf('prepare');", "outputsOf('prepare'); cleanup 'prepare';")
        def (exit, run) = run(text)
        def marker = run.stageDir('prepare').resolve('cleanup.json')

        expect: 'the marker names the tasks it cleans'
        Files.readString(marker).contains('"tasks" : "0-2"') || Files.readString(marker).contains('"tasks": "0-2"')

        when: 'a crash after the marker, before the last deletion'
        Files.writeString(marker, Files.readString(marker).replace('0-2', '0-1'))

        then: 'task 2 is not among the cleaned: its missing output is lost, and the cleaned ones are regenerated for the consumer'
        assess(run, text).prepare*.reason() == ['outputs cleaned, needed by combine[0]'] * 2 + ['output lost: copy']
    }

    def "a torn character or a binary tail at the end of the ledger does not block resume"() {
        given:
        data('b.txt.fail', '')
        def (exit, run) = run(PIPELINE)
        Files.delete(dir.resolve('data/b.txt.fail'))
        def ledger = run.ledger()
        Files.write(ledger, tail, java.nio.file.StandardOpenOption.APPEND)

        expect:
        resume(run, PIPELINE) == 0
        Ledger.read(ledger)*.event.count { it == 'resume' } == 1
        Ledger.read(ledger).last().event == 'end'

        where:
        tail << [[0x7b, 0x22, 0xe2, 0x82] as byte[], (0..255).collect { it as byte } as byte[]]
    }

    def "a head killed in the middle of a cleanup leaves nothing to redo: resume finishes the cleanup"() {
        given: 'a run whose cleanup was killed after its marker and its first deletion'
        def text = PIPELINE.replace("outputsOf('prepare');", "outputsOf('prepare'); cleanup 'prepare';")
        def (exit, run) = run(PIPELINE)
        def doneBefore = (0..2).collect { Files.getLastModifiedTime(run.resultJson('prepare', it)) } + Files.getLastModifiedTime(run.resultJson('combine', 0))
        Files.writeString(run.stageDir('prepare').resolve('cleanup.json'), '{"state": "deleting", "tasks": "0-2"}')
        flow.run.SafeDelete.deleteInside(run.root(), run.outDir('prepare', 0))

        expect:
        assess(run, text).values().flatten().every { it.done() }

        when:
        def resumed = resume(run, text)

        then:
        resumed == 0
        (0..2).collect { Files.getLastModifiedTime(run.resultJson('prepare', it)) } + Files.getLastModifiedTime(run.resultJson('combine', 0)) == doneBefore
        (0..2).every { !Files.exists(run.outDir('prepare', it)) }
        Files.readString(run.stageDir('prepare').resolve('cleanup.json')).contains('"done"')
    }
}
