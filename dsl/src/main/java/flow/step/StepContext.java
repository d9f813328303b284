package flow.step;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a step gets to run one task.
 *
 * @param inputs    the task's input files, resolved (upstream outputs are listed at run time)
 * @param params    the step's parameters, defaults applied
 * @param outDir    where the step writes its outputs; a temporary directory renamed into place
 *                  by the task wrapper once the task succeeded
 * @param workDir   the directory the run was launched from: relative paths resolve here
 * @param variables template variables: inputs, outDir, index, stage, cpus, params, scan values
 * @param cpus      CPUs the task may use
 * @param stdout    where the step's standard output goes (the task's log)
 * @param stderr    where the step's standard error goes
 * @param environment variables the stage's profile sets for the processes a step starts
 * @param meter     measures what the step uses (the processes it starts through {@link StepProcess})
 */
public record StepContext(List<Path> inputs, Map<String, Object> params, Path outDir, Path workDir,
                          Map<String, Object> variables, int cpus,
                          ProcessBuilder.Redirect stdout, ProcessBuilder.Redirect stderr, Map<String, String> environment,
                          UsageMeter meter) {
    public StepContext(List<Path> inputs, Map<String, Object> params, Path outDir, Path workDir, Map<String, Object> variables, int cpus,
                       ProcessBuilder.Redirect stdout, ProcessBuilder.Redirect stderr, Map<String, String> environment) {
        this(inputs, params, outDir, workDir, variables, cpus, stdout, stderr, environment, new UsageMeter());
    }

    public StepContext(List<Path> inputs, Map<String, Object> params, Path outDir, Path workDir, Map<String, Object> variables, int cpus,
                       ProcessBuilder.Redirect stdout, ProcessBuilder.Redirect stderr) {
        this(inputs, params, outDir, workDir, variables, cpus, stdout, stderr, Map.of());
    }

    /** A variable of the step's environment: the profile's, else this process's. */
    public String env(String name) {
        return environment.containsKey(name) ? environment.get(name) : System.getenv(name);
    }

    /** A line for the task's log, from a Java step: appended to the log file, or printed when the log is inherited. */
    public void log(String line) throws java.io.IOException {
        java.io.File file = stdout == null ? null : stdout.file();
        if (file == null) {
            System.out.println(line);
            return;
        }
        java.nio.file.Files.writeString(file.toPath(), line + System.lineSeparator(), java.nio.charset.StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
}
