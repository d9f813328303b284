package flow.e2e

import java.nio.file.Path
import java.util.concurrent.TimeUnit

/** Runs the real `flow` CLI in a separate JVM, from a given launch directory. */
class FlowCli {
    final Path launchDir
    final Map<String, String> environment
    /** What starts flow, before its arguments: the CLI's main class in a JVM, or the `flow` launcher script. */
    final List<String> command

    FlowCli(Path launchDir, Map<String, String> environment = [:]) {
        this(launchDir, environment, [Path.of(System.getProperty('java.home'), 'bin', 'java').toString(), '-XX:+UseSerialGC',
                                      "-Dflow.home=${System.getProperty('flow.home')}".toString(),
                                      '-cp', System.getProperty('java.class.path'), 'flow.cli.Main'])
    }

    private FlowCli(Path launchDir, Map<String, String> environment, List<String> command) {
        this.launchDir = launchDir
        this.environment = environment
        this.command = command
    }

    /** Flow as a user starts it: the `flow` script at the root of the project, with the JVM it chooses. */
    static FlowCli launcherScript(Path launchDir, Map<String, String> environment = [:]) {
        new FlowCli(launchDir, environment, [Path.of(System.getProperty('flow.home'), 'flow').toString()])
    }

    static class Result {
        int exit
        String out
        String err

        String toString() { "exit $exit\n--- stdout\n$out--- stderr\n$err" }
    }

    Process start(String... args) {
        def builder = new ProcessBuilder(command + args.toList()).directory(launchDir.toFile())
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
