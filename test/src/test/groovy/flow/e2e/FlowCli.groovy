package flow.e2e

import java.nio.file.Path
import java.util.concurrent.TimeUnit

/** Runs the real `flow` CLI in a separate JVM, from a given launch directory. */
class FlowCli {
    final Path launchDir
    final Map<String, String> environment

    FlowCli(Path launchDir, Map<String, String> environment = [:]) {
        this.launchDir = launchDir
        this.environment = environment
    }

    static class Result {
        int exit
        String out
        String err

        String toString() { "exit $exit\n--- stdout\n$out--- stderr\n$err" }
    }

    Process start(String... args) {
        def command = [Path.of(System.getProperty('java.home'), 'bin', 'java').toString(), '-XX:+UseSerialGC',
                       "-Dflow.home=${System.getProperty('flow.home')}".toString(),
                       '-cp', System.getProperty('java.class.path'), 'flow.cli.Main'] + args.toList()
        def builder = new ProcessBuilder(command).directory(launchDir.toFile())
        builder.environment().putAll(environment)
        builder.start()
    }

    Result run(String... args) {
        Process p = start(args)
        def out = new StringBuilder(), err = new StringBuilder()
        p.consumeProcessOutput(out, err)
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly()
            throw new AssertionError("flow ${args.join(' ')} did not finish in 120 s:\n$out\n$err")
        }
        p.waitForProcessOutput()
        new Result(exit: p.exitValue(), out: out.toString(), err: err.toString())
    }
}
