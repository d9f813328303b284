package flow.e2e

import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

class CliSpec extends Specification {
    Path launch = Files.createTempDirectory('flow-cli')
    FlowCli flow = new FlowCli(launch)
    Path demo = Path.of(System.getProperty('flow.home'), 'workflows/pipelines/demo.flow')

    def "the demo pipeline runs on the local executor and status reports every task DONE"() {
        when:
        def run = flow.run('run', demo.toString(), '--run-name', 'd1')

        then:
        run.exit == 0
        run.out.contains('run d1: every task DONE')

        when:
        def status = flow.run('status')

        then:
        status.exit == 0
        status.out.contains('run d1 (demo, local): done')
        status.out.readLines().find { it.startsWith('prepare ') }.split(/\s+/)[1..5] == ['3', '3', '0', '0', '0']
        status.out.readLines().find { it.startsWith('scan ') }.split(/\s+/)[1..2] == ['6', '6']
        Files.readString(launch.resolve('.flow/runs/d1/stages/combine/tasks/0/out/all.txt')).contains('sample 5.txt')
        flow.run('runs').out.contains('d1')
    }

    def "--dry-run prints the plan and quoted commands, byte-identical each time, and writes nothing"() {
        when:
        def first = flow.run('run', demo.toString(), '--dry-run', '--run-name', 'x')
        def second = flow.run('run', demo.toString(), '--dry-run', '--run-name', 'x')
        def badName = flow.run('run', demo.toString(), '--dry-run', '--run-name', '.hidden')
        def every = flow.run('run', demo.toString(), '--dry-run', '--all')
        def wide = launch.resolve('wide.flow')
        Files.writeString(wide, "stage('w') { scan i: (1..25).toList(); step exec('echo \${i}') }\n")
        def firstTasks = flow.run('run', wide.toString(), '--dry-run')
        def allTasks = flow.run('run', wide.toString(), '--dry-run', '--all')

        then: 'a run name the real run refuses is refused by the dry run too'
        badName.exit == 2 && badName.err.contains("run name '.hidden' must be a plain directory name")
        and: 'each task with its inputs; --all changes nothing here, where no stage has more than 20 tasks'
        first.out.contains("      inputs: '${demo.parent.parent.resolve('data/sample 1.txt')}' '${demo.parent.parent.resolve('data/sample 2.txt')}'")
        every.out.readLines().count { it.startsWith('  [') } == first.out.readLines().count { it.startsWith('  [') }
        and: 'a large stage shows its first 20 tasks and a count, --all every one'
        firstTasks.out.readLines().count { it.startsWith('  [') } == 20
        firstTasks.out.contains('  ... 5 more tasks (--all shows them)')
        allTasks.out.readLines().count { it.startsWith('  [') } == 25
        first.exit == 0
        first.out == second.out
        first.out.contains("stage scan (step exec, 6 tasks")
        first.out.contains("wc -l '${demo.parent.parent.resolve('data/sample 1.txt')}' '${demo.parent.parent.resolve('data/sample 2.txt')}'")
        !Files.exists(launch.resolve('.flow'))
    }

    def "validation errors name file and line and exit 2"() {
        given:
        def bad = launch.resolve('bad.flow')
        Files.writeString(bad, "stage('a') {\n  dependsOn 'nope'\n  step exec('true')\n}\n")
        def broken = launch.resolve('broken.flow')
        Files.writeString(broken, "stage('a') {\n  step exec('true'\n}\n")

        expect:
        with(flow.run('validate', bad.toString())) {
            exit == 2
            err.trim() == "${bad}:2: stage 'a' depends on unknown stage 'nope'".toString()
        }
        with(flow.run('run', broken.toString())) {
            exit == 2
            err.startsWith("${broken}:3: syntax error")
            !err.contains('\tat ')
        }
        flow.run('validate', demo.toString()).exit == 0
    }

    def "every wrong stage name is reported with the stage it may mean; a double-quoted command is told to use single quotes"() {
        given:
        def typos = launch.resolve('typos.flow')
        Files.writeString(typos, "stage('prepare') { step exec('true') }\n"
                + "stage('combine') { dependsOn 'prepar'; inputs outputsOf('prepre'); step exec('cat \${inputs}') }\n")
        def quoted = launch.resolve('quoted.flow')
        Files.writeString(quoted, "stage('s') {\n  step exec(\"echo 1 > \${outDir}/v\")\n}\n")

        expect:
        with(flow.run('validate', typos.toString())) {
            exit == 2
            err.readLines() == ["${typos}:2: stage 'combine' depends on unknown stage 'prepar' (did you mean prepare?)".toString(),
                                "${typos}:2: outputsOf unknown stage 'prepre' (did you mean prepare?)".toString()]
        }
        with(flow.run('validate', quoted.toString())) {
            exit == 2
            err.trim() == "${quoted}:2: \${outDir} is filled for each task by flow, not by Groovy: write the command in single quotes ('... \${outDir} ...'), not double quotes".toString()
        }
    }

    def "kill -9 of the head mid-run leaves a run that resume completes without redoing DONE tasks"() {
        given:
        def marks = Files.createDirectories(launch.resolve('marks'))
        def file = launch.resolve('slow.flow')
        Files.writeString(file, """
            params { marks = '${marks}' }
            stage('work') {
                scan i: (0..9).toList()
                step exec('echo ran >> \${params.marks}/\${i}; sleep 0.6; echo \${i} > \${outDir}/r.txt')
                outputs 'r.txt'
            }
            stage('sum') { dependsOn 'work'; inputs outputsOf('work'); step exec('cat \${inputs} > \${outDir}/all') }
        """.stripIndent())
        def run = launch.resolve('.flow/runs/k')

        when: 'the head is killed with SIGKILL once some tasks are DONE'
        def head = flow.start('run', file.toString(), '--run-name', 'k', '--max-parallel', '2')
        head.consumeProcessOutput(new StringBuilder(), new StringBuilder())
        def deadline = System.currentTimeMillis() + 60_000
        while (doneTasks(run) < 3 && System.currentTimeMillis() < deadline) Thread.sleep(50)
        head.destroyForcibly()
        head.waitFor()
        // commands the killed head had started live on until its watchdog ends them; they write
        // only into their own abandoned out.tmp-1, which a resumed attempt discards. Each runs as
        // `bash … <run>/stages/work/tasks/<i>/command.sh`, so the run's path finds them.
        for (int i = 0; i < 100 && ProcessHandle.allProcesses().anyMatch { it.info().commandLine().orElse('').contains(run.toString()) }; i++) {
            Thread.sleep(100)
        }
        def doneBefore = doneIndices(run)

        then:
        head.exitValue() == 137
        doneBefore.size() >= 3
        doneBefore.size() < 10
        Files.exists(run.resolve('lock'))
        with(flow.run('status', 'k')) { out.contains('interrupted') && exit == 3 } // tasks still to run

        when: 'resume --dry-run explains and writes nothing'
        def before = snapshot(run)
        def dry = flow.run('resume', 'k', '--dry-run')

        then:
        dry.exit == 0
        dry.out.contains("stage work: 10 tasks, ${doneBefore.size()} done")
        dry.out =~ /(missing|interrupted): /
        snapshot(run) == before

        when:
        def resumed = flow.run('resume', 'k')

        then:
        resumed.exit == 0
        resumed.out.contains('taking over the lock')
        resumed.out.contains('every task DONE')
        doneBefore.every { Files.readAllLines(marks.resolve(it.toString())).size() == 1 }
        (0..9).every { Files.exists(run.resolve("stages/work/tasks/$it/out/r.txt")) }
        Files.readAllLines(run.resolve('stages/sum/tasks/0/out/all'))*.trim() == (0..9)*.toString()
        !Files.exists(run.resolve('lock'))
    }

    def "kill -9 of the head ends the commands it started, so a resume never runs beside them"() {
        given:
        def file = launch.resolve('orphans.flow')
        Files.writeString(file, "stage('s') { scan i: [1, 2]; step exec('sleep 67.25') }\n")
        def head = flow.start('run', file.toString(), '--run-name', 'o')
        head.consumeProcessOutput(new StringBuilder(), new StringBuilder())
        def sleeping = { ProcessHandle.allProcesses().filter { it.info().commandLine().orElse('').contains('sleep 67.25') }.count() }
        def deadline = System.currentTimeMillis() + 30_000
        while (sleeping() < 2 && System.currentTimeMillis() < deadline) Thread.sleep(50)

        when:
        def before = sleeping()
        head.destroyForcibly()
        head.waitFor()
        deadline = System.currentTimeMillis() + 10_000
        while (sleeping() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(100)

        then:
        before == 2
        sleeping() == 0
    }

    def "cancel ends a running run's tasks and records it"() {
        given:
        def file = launch.resolve('long.flow')
        Files.writeString(file, "stage('s') { scan i: [1, 2]; step exec('sleep 60') }\n")
        def head = flow.start('run', file.toString(), '--run-name', 'c')
        head.consumeProcessOutput(new StringBuilder(), new StringBuilder())
        def lock = launch.resolve('.flow/runs/c/lock')
        def deadline = System.currentTimeMillis() + 30_000
        while (!(Files.exists(lock) && Files.exists(launch.resolve('.flow/runs/c/stages/s/tasks/1')))
                && System.currentTimeMillis() < deadline) Thread.sleep(50)

        when:
        def cancel = flow.run('cancel', 'c')
        head.waitFor()

        then:
        cancel.exit == 0
        cancel.out.contains('run c: cancelled')
        with(flow.run('status', 'c')) { out.contains('cancelled') && exit == 1 }
        Files.readString(launch.resolve('.flow/runs/c/ledger.jsonl')).contains('"event":"cancelled"')
        Files.readString(launch.resolve('.flow/runs/c/stages/s/tasks/1/result.json')) =~ /"failure": *"cancelled"/
        !ProcessHandle.allProcesses().anyMatch { it.info().commandLine().orElse('').contains('sleep 60') }
    }

    def "Ctrl-C (SIGINT) of the head is a cancel: its tasks end cancelled, not as step errors"() {
        given:
        def file = launch.resolve('int.flow')
        Files.writeString(file, "stage('s') { scan i: [1, 2]; step exec('sleep 61') }\n")
        def head = flow.start('run', file.toString(), '--run-name', 'i')
        head.consumeProcessOutput(new StringBuilder(), new StringBuilder())
        def deadline = System.currentTimeMillis() + 30_000
        while (!ProcessHandle.allProcesses().anyMatch { it.info().commandLine().orElse('').contains('sleep 61') } && System.currentTimeMillis() < deadline) Thread.sleep(50)

        when:
        new ProcessBuilder('kill', '-INT', String.valueOf(head.pid())).start().waitFor()
        head.waitFor()
        def ends = flow.run('log', 'i', 's')

        then:
        with(flow.run('status', 'i')) { out.contains('cancelled') && exit == 1 }
        ends.out =~ /(?m)^s\[[01]\]  cancelled/
        !(ends.out =~ /failed: exit|step_error/)
    }

    def "log, task, step, dag, clean and --help work from the command line"() {
        given:
        def file = launch.resolve('two.flow')
        Files.writeString(file, """
            stage('a') { scan i: [1, 2]; step exec('echo hello \${i}; { [ \${i} = 1 ] || [ -e ${launch}/fixed ]; } && touch \${outDir}/x') }
            stage('b') { dependsOn 'a'; inputs outputsOf('a'); step exec('cat \${inputs} > \${outDir}/y'); cleanup 'a' }
        """.stripIndent())

        expect:
        flow.run('run', file.toString(), '--run-name', 't').exit == 1
        with(flow.run('status', 't')) { out.contains(': failed') && exit == 1 }
        with(flow.run('log', 't', 'a', '1')) {
            exit == 0
            out.contains('failed: exit 1')
            out.contains('echo hello 2')
        }
        flow.run('log', 't').out.contains('task-end')
        and: 'without RUN, log reads the latest run'
        flow.run('log', 'a', '1').out.contains('echo hello 2')
        flow.run('log', 'a').out.contains('a[1]  failed: exit 1')
        flow.run('log').out.contains('task-end')
        flow.run('log', 'nosuch').err.contains("no stage 'nosuch'")

        when: 'the batch-job entry point runs one task after the fix'
        Files.createFile(launch.resolve('fixed'))
        def task = flow.run('task', 't', 'a', '1')

        then:
        task.exit == 0
        task.out.contains('hello 2')
        flow.run('resume', 't', '--dry-run').out.contains('stage a: 2 tasks, 2 done, 0 to run')

        when:
        def step = flow.run('step', 'exec', '--param', 'command=wc -c ${inputs} > ${outDir}/n', file.toString(), '--out', 'stepout')
        def dag = flow.run('dag', file.toString())

        then:
        step.exit == 0
        Files.readString(launch.resolve('stepout/n')).contains('two.flow')
        dag.out == 'flowchart TD\n  s0["a · exec"]\n  s1["b · exec"]\n  s0 --> s1\n  s1 -. cleanup .-> s0\n'
        ['run', 'resume', 'status', 'runs', 'log', 'cancel', 'clean', 'validate', 'dag', 'step', 'task', 'watch', 'datasets', 'report', 'outputs'].every {
            flow.run(it, '--help').exit == 0
        }

        when: 'on a terminal (script(1) gives it one) clean asks, and an answer other than y keeps the run'
        def java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        def command = "${java} -Dflow.home=${System.getProperty('flow.home')} -cp ${System.getProperty('java.class.path')} flow.cli.Main clean t"
        def asked = new ProcessBuilder('script', '-qec', command, '/dev/null').directory(launch.toFile()).redirectErrorStream(true).start()
        asked.outputStream.withWriter { it.write('n\n') }
        def askedOut = asked.inputStream.text
        asked.waitFor()

        then:
        askedOut.contains('delete run t (')
        askedOut.contains('run t kept')
        Files.exists(launch.resolve('.flow/runs/t'))

        when: 'without a terminal (a script) it does not ask; without RUN it needs --yes to delete the latest run'
        def unnamed = flow.run('clean')
        def clean = flow.run('clean', 't')

        then:
        unnamed.exit == 2 && unnamed.err.contains('name the run to delete (latest is t), or give --yes')
        clean.exit == 0
        !Files.exists(launch.resolve('.flow/runs/t'))
        Files.exists(file)
    }

    def "validate reports every mistake of a file at its line, with what was probably meant; a mistyped command gets its suggestion"() {
        given:
        def file = launch.resolve('mistakes.flow')
        Files.writeString(file, """params { threshold = 1 }
            stage('a') { scan i: [1]; step exex('true') }
            stage('b') { memory 'lots'; step exec('true') }
            stage('c') { step exec("echo \${outDir}") }
            stage('d') { nevents 1, 2; step skim(tree: 't') }
            stage('e') { dependsOn 'prepre'; step exec(comand: 'true') }
            """.stripIndent())

        when:
        def check = flow.run('validate', file.toString(), '--param', 'treshold=3')
        def typo = flow.run('rnu', file.toString())

        then:
        check.exit == 2
        check.err.readLines().containsAll([
                "${file}:1: unknown parameter 'treshold' given with --param or --params-file (did you mean threshold?) (declared: threshold)",
                "${file}:2: unknown directive or step 'exex' (did you mean exec?) (stage directives: inputs, group, throttle, batch, step, outputs, retry, scan, exclude, dependsOn, cleanup, profile, cpus, memory, time, gpus; step directives: define, keep, nevents, remoteInputs, shell, where; steps: convolve, exec, skim, spine)",
                "${file}:3: memory: expected an amount of memory such as 512m or 4g, got 'lots'",
                "${file}:4: \${outDir} is filled for each task by flow, not by Groovy: write the command in single quotes ('... \${outDir} ...'), not double quotes",
                "${file}:5: nevents takes one value, got 2",
                "${file}:6: stage 'e' depends on unknown stage 'prepre'",
                "${file}:6: unknown parameter 'comand' for step 'exec' (did you mean command?) (expected one of: command, shell, remoteInputs)",
        ]*.toString())
        check.err.readLines().size() == 8 // and line 6's missing 'command'
        typo.exit == 2
        typo.err.startsWith("flow: unknown command 'rnu' (did you mean run, runs?)")
    }

    def "options a batch executor cannot honour are refused before anything is written: #option on #executor"() {
        given:
        def file = launch.resolve('one.flow')
        Files.writeString(file, "stage('a') { step exec('true') }\n")

        when:
        def refused = flow.run(*(['run', file.toString(), '--executor', executor] + option))

        then:
        refused.exit == 2
        refused.err.startsWith("flow: ${option[0]} is for the local executor")
        !Files.exists(launch.resolve('.flow/runs'))

        where:
        executor | option
        'slurm'  | ['--max-parallel', '4']
        'slurm'  | ['--fail-fast']
        'condor' | ['--max-parallel', '4']
        'condor' | ['--fail-fast']
    }

    def "flow dag draws a pipeline whose data is not there, with --param as for a run"() {
        given:
        def file = launch.resolve('nodata.flow')
        Files.writeString(file, "params { dir = 'nodata' }\n"
                + "stage('a') { inputs files(\"\${params.dir}/*.root\"); step exec('cat \${inputs} > \${outDir}/x') }\n"
                + "stage('b') { dependsOn 'a'; inputs outputsOf('a'); step exec('cat \${inputs} > \${outDir}/y') }\n")

        expect:
        flow.run('validate', file.toString()).err.contains("files('nodata/*.root') matches no file")
        with(flow.run('dag', file.toString(), '--param', 'dir=elsewhere')) {
            exit == 0
            out == 'flowchart TD\n  s0["a · exec"]\n  s1["b · exec"]\n  s0 --> s1\n'
        }
        flow.run('dag', file.toString(), '--param', 'nope=1').exit == 2
    }

    def "--detach is refused on the local executor, whose tasks run under its head"() {
        given:
        def file = launch.resolve('d.flow')
        Files.writeString(file, "stage('s') { step exec('true') }\n")

        when:
        def result = flow.run('run', file.toString(), '--detach')

        then:
        result.exit == 2
        result.err.contains('--detach is for batch executors')
        !Files.exists(launch.resolve('.flow/runs'))
    }

    private static int doneTasks(Path run) {
        doneIndices(run).size()
    }

    private static List<Integer> doneIndices(Path run) {
        (0..9).findAll { Files.exists(run.resolve("stages/work/tasks/$it/result.json")) }
    }

    /** Every file under the run with its size and time: equal snapshots mean nothing was written. */
    private static Map<String, List> snapshot(Path run) {
        Files.walk(run).withCloseable { paths ->
            paths.collect { p -> [run.relativize(p).toString(), [Files.isDirectory(p) ? 0 : Files.size(p), Files.getLastModifiedTime(p)]] }
                    .collectEntries()
        }
    }
}
