package flow.step;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs a step's external command: in the work directory or one the step names, no standard input, the task's logs as
 * its output, the profile's environment added; when the task is cancelled, the command and
 * everything it started are taken down with it; under a local head, also when the head dies
 * ({@link HeadWatchdog}).
 */
public final class StepProcess {
    private static final File NO_INPUT = new File("/dev/null");

    private StepProcess() {}

    /** Runs in the launch directory (or job sandbox); @return the command's exit code */
    public static int run(List<String> argv, StepContext context) throws IOException, InterruptedException {
        return run(argv, context, context.workDir(), Map.of());
    }

    /**
     * Runs in {@code directory}, with {@code environment} added to the profile's.
     *
     * @return the command's exit code
     */
    public static int run(List<String> argv, StepContext context, Path directory, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(HeadWatchdog.watched(argv))
                .directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT))
                .redirectOutput(context.stdout())
                .redirectError(context.stderr());
        builder.environment().putAll(context.environment());
        builder.environment().putAll(environment);
        Process process = builder.start();
        HeadWatchdog.started(process);
        context.meter().watch(process);
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            throw e;
        } finally {
            HeadWatchdog.ended(process);
        }
    }
}
