package flow.e2e

import flow.run.Ledger
import flow.run.LedgerEvent
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.util.concurrent.TimeUnit

/**
 * The smart-pixels example in the original's layout, against the real xrootd server that
 * test/xrootd/start.sh runs on 127.0.0.1: inputs listed on the server and staged by xrdcp,
 * outputs published back to it (atomically), on the local executor and on the real SLURM; an
 * upload killed half-way and completed by resume.
 */
class XrootdSpec extends Specification {
    static final Path HOME = Path.of(System.getProperty('flow.home'))
    static final Path SMARTPIX = HOME.resolve('workflows/pipelines/smartpix.flow')
    static final Path DATA = HOME.resolve('../shared/data/smartpix').normalize()
    static final List<String> INPUTS = ['pixel_clusters_d00001.out.gz', 'pixel_clusters_d00002.out.gz']
    static final List<String> OUTPUTS = INPUTS.collect { "convolved_output_${it}".toString() }

    Path launch = Files.createTempDirectory('flow-xrootd')
    FlowCli flow = new FlowCli(launch)
    String input
    String output

    def setup() {
        XrootdServer.require()
        input = XrootdServer.freshDirectory('in')
        output = XrootdServer.freshDirectory('out')
        INPUTS.each { XrootdServer.client('xrdcp', '--nopbar', DATA.resolve(it).toString(), input + it) }
    }

    String[] smartpix(String... more) {
        (['run', SMARTPIX.toString(), '--run-name', 'sp', '--param', "inputs=${input}pixel_clusters_*.out.gz".toString(),
          '--param', "destination=${output}".toString()] + more.toList()) as String[]
    }

    /**
     * The published outputs, fetched back from the server, are the run's outputs byte for byte,
     * and hold the original implementation's values (the gzip headers name their own files).
     */
    void publishedAsReference() {
        assert XrootdServer.names(output) == OUTPUTS
        def local = flow.run('outputs', 'sp', 'convolve').out.readLines().collect { Path.of(it) }
        OUTPUTS.eachWithIndex { name, i ->
            Path back = launch.resolve("back-${name}")
            XrootdServer.client('xrdcp', '--nopbar', '--force', output + name, back.toString())
            assert Files.readAllBytes(back) == Files.readAllBytes(local[i]): name
            assert ConvolveCliSpec.gunzip(back) == ConvolveCliSpec.gunzip(DATA.resolve(name)): name
        }
    }

    def "smartpix from and to the xrootd server on the local executor: inputs listed and staged, outputs published as the reference"() {
        when:
        def dry = flow.run(smartpix('--dry-run'))
        def validate = flow.run('validate', SMARTPIX.toString(), '--param', "inputs=${input}pixel_clusters_*.out.gz".toString())
        def run = flow.run(smartpix())
        def outputs = flow.run('outputs', 'sp', '--published')
        def local = flow.run('outputs', 'sp', 'convolve')

        then: 'the dry run shows the files the server has'
        dry.exit == 0
        INPUTS.every { dry.out.contains(input + it) }
        validate.exit == 0

        and:
        run.exit == 0
        run.out.contains("published convolve: 2 files to ${output}")
        publishedAsReference()
        outputs.out.readLines() == OUTPUTS.collect { output + it }
        local.out.readLines().collect { Path.of(it).fileName.toString() } == OUTPUTS
        local.out.readLines().every { Files.isRegularFile(Path.of(it)) }

        and: 'the staged copies went with their tasks; the tasks are known by the checksums the server reported'
        Files.walk(launch.resolve('.flow/runs/sp')).withCloseable { s -> s.noneMatch { it.fileName.toString() == 'staged' } }
        Files.readString(launch.resolve('.flow/runs/sp/stages/convolve/tasks.tsv')).contains(input + INPUTS[0])

        when: 'resume: everything is done and published'
        def resume = flow.run('resume', 'sp')

        then:
        resume.exit == 0
        resume.out.contains("published convolve: 0 files to ${output} (2 already there)")

        when: 'an input changes on the server'
        XrootdServer.client('xrdcp', '--nopbar', '--force', DATA.resolve(INPUTS[0]).toString(), input + INPUTS[1])
        def changed = flow.run('resume', 'sp', '--dry-run')

        then: 'its checksum says so'
        changed.out.contains('1 to run')
        changed.out.contains("input changed: ${input}${INPUTS[1]}")
    }

    def "a remote glob that matches nothing is an error at its line; a URL that is not one names what was expected"() {
        given:
        Path file = launch.resolve('remote.flow')
        Files.writeString(file, """stage('a') {
    inputs files('${input}nothing_*.gz')
    step exec('cat \${inputs} > \${outDir}/x')
}
stage('b') {
    inputs files('/tmp/x')
    step exec('true')
    publish 'root://127.0.0.1:1094/relative/dir', mode: 'link'
}
""")

        when:
        def result = flow.run('validate', file.toString())

        then:
        result.exit == 2
        result.err.contains("remote.flow:2: files('${input}nothing_*.gz') matches no file on its server")
        result.err.contains("remote.flow:8: publish to root://127.0.0.1:1094/relative/dir: a server takes copies only (mode: 'copy'), got 'link'")
    }

    def "an upload killed half-way leaves no file under its final name; resume publishes it without running the convolution again"() {
        given: 'an xrdcp in front of the real one that, uploading, sends the first 1000 bytes and then waits'
        Path bin = Files.createDirectories(launch.resolve('bin'))
        Path uploading = launch.resolve('uploading')
        Files.writeString(bin.resolve('xrdcp'), """#!/bin/bash
args=("\$@"); n=\${#args[@]}; src=\${args[n-2]}; dst=\${args[n-1]}
if [[ \$dst == root://* && \$src != root://* ]]; then
    touch '${uploading}'
    { head -c 1000 "\$src"; sleep 60; tail -c +1001 "\$src"; } | /usr/bin/xrdcp --nopbar --force --posc - "\$dst"
    exit
fi
exec /usr/bin/xrdcp "\$@"
""")
        Files.setPosixFilePermissions(bin.resolve('xrdcp'), PosixFilePermissions.fromString('rwxr-xr-x'))
        def slow = new FlowCli(launch, [PATH: "${bin}:${System.getenv('PATH')}".toString()])

        when: 'the head is killed, with what it started, while the first upload is under way'
        Process head = slow.start(smartpix('--max-parallel', '1'))
        head.consumeProcessOutput(new StringBuilder(), new StringBuilder())
        WatchSpec.waitFor(120) { Files.exists(uploading) }
        Thread.sleep(1000)
        def tree = [head.toHandle()] + head.toHandle().descendants().toList()
        tree.each { it.destroyForcibly() }
        tree.each { it.onExit().get(30, TimeUnit.SECONDS) }
        Thread.sleep(1000)

        then: 'no output is under its final name'
        OUTPUTS.every { !XrootdServer.exists(output + it) }
        XrootdServer.names(output).every { it.startsWith('.') }

        when:
        int convolutionsBefore = taskStarts()
        def resume = flow.run('resume', 'sp')

        then: 'every task was DONE: only the publishing ran'
        resume.exit == 0
        taskStarts() == convolutionsBefore
        publishedAsReference()
        flow.run('outputs', 'sp', '--published').out.readLines() == OUTPUTS.collect { output + it }
        Ledger.read(launch.resolve('.flow/runs/sp/ledger.jsonl')).count { it.is(LedgerEvent.PUBLISH) } == 2
    }

    def "SLURM: the tasks stage their inputs inside their jobs, and the head publishes what they made"() {
        given:
        SlurmCluster.require()

        when:
        def run = flow.run(smartpix('--executor', 'slurm'))

        then:
        run.exit == 0
        publishedAsReference()
        flow.run('outputs', 'sp', '--published').out.readLines() == OUTPUTS.collect { output + it }
    }

    static long unzippedSize(Path gz) {
        new java.util.zip.GZIPInputStream(Files.newInputStream(gz)).withCloseable { it.transferTo(OutputStream.nullOutputStream()) }
    }

    def "a step that streams its inputs (remoteInputs 'stream') gets their URLs, an awkward name quoted; nothing is staged"() {
        given:
        String odd = "d 0'3;x.out.gz"
        XrootdServer.client('xrdcp', '--nopbar', DATA.resolve(INPUTS[0]).toString(), input + odd)
        Files.writeString(launch.resolve('stream.flow'), """
            stage('sizes') {
                inputs files('${input}*.out.gz')
                remoteInputs 'stream'
                step exec('for u in \${inputs}; do echo "\$u \$(xrdcp -s "\$u" - | zcat | wc -c)"; done > \${outDir}/sizes; ls \${taskDir} > \${outDir}/dir')
            }
        """.stripIndent())

        when:
        def result = flow.run('run', 'stream.flow', '--run-name', 'st')
        def tasks = launch.resolve('.flow/runs/st/stages/sizes/tasks')
        def sizes = (0..2).collect { Files.readString(tasks.resolve("${it}/out/sizes")).strip() }

        then: 'each task read its URL from the server itself'
        result.exit == 0
        sizes == ["${input}${odd} ${unzippedSize(DATA.resolve(INPUTS[0]))}",
                  "${input}${INPUTS[0]} ${unzippedSize(DATA.resolve(INPUTS[0]))}",
                  "${input}${INPUTS[1]} ${unzippedSize(DATA.resolve(INPUTS[1]))}"]*.toString()
        (0..2).every { !Files.readString(tasks.resolve("${it}/out/dir")).contains('staged') }
    }

    def "HTCondor without a shared filesystem: the job stages its remote inputs on the execute node, HTCondor sends none of them"() {
        given: 'the HTCondor stand-ins, each job in a scratch directory of its own'
        Path condorLaunch = CondorStandIns.launchDir('flow xrootd')
        Path fakeHome = Files.createTempDirectory('fake-condor')
        def condor = new FlowCli(condorLaunch, CondorStandIns.environment(fakeHome, CondorStandIns.CLASSAD_NOTES))
        Files.writeString(condorLaunch.resolve('profiles.yaml'), "profiles:\n  nofs:\n    transferFiles: true\n")
        Files.writeString(condorLaunch.resolve('nofs.flow'), """
            stage('sizes') {
                inputs files('${input}*.out.gz'); profile 'nofs'
                step exec('zcat \${inputs} | wc -c > \${outDir}/n; pwd > \${outDir}/where; ls \${taskDir}/staged/0 > \${outDir}/staged')
            }
        """.stripIndent())
        def run = condorLaunch.resolve('.flow/runs/c')

        when:
        def result = condor.run('run', 'nofs.flow', '--executor', 'condor', '--run-name', 'c')
        def sandbox = Files.readString(run.resolve('condor/sizes_a1.sandbox')) + Files.readString(run.resolve('condor/sizes_a1.sub'))

        then: 'the job ran in its scratch directory and copied its input there from the server'
        result.exit == 0
        (0..1).every { i ->
            def out = run.resolve("stages/sizes/tasks/${i}/out")
            Files.readString(out.resolve('n')).strip() == String.valueOf(unzippedSize(DATA.resolve(INPUTS[i]))) &&
                    Files.readString(out.resolve('where')).startsWith(fakeHome.resolve('scratch-').toString()) &&
                    Files.readString(out.resolve('staged')).strip() == INPUTS[i]
        }
        !sandbox.contains('root://')
        !sandbox.contains('out.gz')
    }

    int taskStarts() {
        Ledger.read(launch.resolve('.flow/runs/sp/ledger.jsonl')).count { it.is(LedgerEvent.TASK_START) }
    }
}
