package flow

import flow.plan.InputFile
import flow.plan.PlannedTask
import flow.plan.UpstreamRef
import flow.run.Ledger
import flow.run.LedgerEvent
import flow.run.RunLock
import flow.run.TasksFile
import flow.util.CommandTemplate
import flow.util.Shell
import spock.lang.Specification

import java.nio.file.Files

class RunFilesSpec extends Specification {
    def dir = Files.createTempDirectory('flow-files')

    def "tasks.tsv keeps any file name, upstream ranges and removed tasks, read whole by a resume or a task at a time by a worker"() {
        given:
        def tasks = [new PlannedTask(0, 'id0', 'r0', [new InputFile("/d/tab\there\nnew\\line ;'\"\rreturn.txt", 5, 7)], [], [t: 1], false),
                     new PlannedTask(1, 'id1', 'r1', [], [new UpstreamRef('up', 0, 100000)], [:], true)]
        def file = dir.resolve('tasks.tsv')
        Files.writeString(file, TasksFile.render(tasks))

        expect:
        TasksFile.read(file, 0) == tasks[0]
        TasksFile.read(file, 1) == tasks[1]
        TasksFile.read(file, [1, 0]) == [tasks[1], tasks[0]]
        TasksFile.readAll(file) == tasks
        !Files.readString(file).contains('\r') // a line is one line to any reader
    }

    def "a ledger line cut short by a crash is skipped, and the next record starts clean"() {
        given:
        def file = dir.resolve('ledger.jsonl')
        Ledger.open(file).withCloseable { it.append(LedgerEvent.RUN, [tasks: 3]) }
        Files.writeString(file, Files.readString(file) + '{"time":"x","event":"task-st')

        when:
        Ledger.open(file).withCloseable { it.append(LedgerEvent.RESUME, [tasks: 1]) }

        then:
        Ledger.read(file)*.event == ['run', 'resume']
    }

    def "a lock held by a dead process is taken over with a message; a live one is refused"() {
        given:
        def lock = dir.resolve('lock')
        def dead = new ProcessBuilder('true').start()
        dead.waitFor()
        Files.writeString(lock, """{"host":"${InetAddress.localHost.hostName}","pid":${dead.pid()},"started":"x","token":"t"}""")
        def messages = []

        when:
        def taken = RunLock.acquire(lock) { messages << it }

        then:
        messages == ["pid ${dead.pid()} on ${InetAddress.localHost.hostName} (started x)".toString()]

        when:
        RunLock.acquire(lock) { messages << it }

        then:
        def e = thrown(IllegalStateException)
        e.message.contains("held by pid ${ProcessHandle.current().pid()}")

        cleanup:
        taken?.close()
    }

    def "values are shell-quoted so the shell reads them back exactly"() {
        given:
        def values = ['plain', 'with space', "it's", 'a;b', 'dq"x', '$HOME', '', 'back\\slash', 'new\nline']
        def command = new CommandTemplate('printf "%s\\n" ${v}').render([v: values])

        when:
        def p = new ProcessBuilder('bash', '-c', command).start()
        def out = p.inputStream.text

        then:
        p.waitFor() == 0
        out == values.collect { it + '\n' }.join()
        Shell.quote('plain') == 'plain'
        Shell.quote("it's") == "'it'\\''s'"
    }
}
