package flow.e2e

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.util.concurrent.TimeUnit

/** The single-node SLURM started by test/slurm/start.sh, and an sbatch shim that logs each call. */
class SlurmCluster {
    /**
     * Whether the node takes jobs. It is "completing" for a moment after a spec cancels a job, and
     * may be briefly unreachable while slurmctld is busy: asked again for up to 15 s.
     */
    static boolean available() {
        for (int attempt = 0; attempt < 15; attempt++) {
            try {
                def p = new ProcessBuilder('sinfo', '-h', '-N', '-o', '%T').redirectErrorStream(true).start()
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && p.inputStream.text =~ /idle|mixed|allocated|completing/) return true
            } catch (IOException ignored) {
                return false // no sinfo: no SLURM on this machine
            }
            Thread.sleep(1000)
        }
        false
    }

    /**
     * Stops a spec that needs SLURM when none runs here: under CI a failure (test/slurm/start.sh
     * must have started it), elsewhere an aborted test.
     */
    static void require() {
        if (available()) return
        if (System.getenv('CI')) throw new AssertionError('SLURM is not running: test/slurm/start.sh must start it under CI')
        throw new org.opentest4j.TestAbortedException('no SLURM here (run test/slurm/start.sh as root)')
    }

    /** A directory to put first on PATH: its sbatch appends its arguments to {@code log}, then runs the real one. */
    static Path sbatchShim(Path dir, Path log) {
        def real = ['/usr/bin/sbatch', '/usr/local/bin/sbatch'].find { Files.isExecutable(Path.of(it)) }
        def shim = Files.createDirectories(dir).resolve('sbatch')
        Files.writeString(shim, "#!/bin/bash\nprintf '%s\\n' \"\$*\" >> '${log}'\nexec '${real}' \"\$@\"\n")
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString('rwxr-xr-x'))
        dir
    }

    /** The jobs (array tasks one by one) SLURM still holds whose names start with {@code run.}: flow names a run's jobs so. */
    static List<String> jobsNamed(String run) {
        def p = new ProcessBuilder('squeue', '-h', '-r', '-o', '%i %j').start()
        assert p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0
        p.inputStream.text.readLines()*.split(' ').findAll { it.size() == 2 && it[1].startsWith(run + '.') }*.getAt(0)
    }

    /** What squeue says of some jobs: {@code jobid_task → STATE (Reason)}. */
    static Map<String, String> states(Collection<String> ids) {
        def p = new ProcessBuilder('squeue', '-h', '-t', 'all', '-j', ids.join(','), '-O', 'JobArrayID:0|,State:0|,Reason:0').start()
        p.waitFor(10, TimeUnit.SECONDS)
        p.inputStream.text.readLines().findAll { it.contains('|') }.collectEntries { line ->
            def f = line.split('\\|')
            [f[0], f[1] + (f.length > 2 ? " (${f[2]})" : '')]
        }
    }
}
