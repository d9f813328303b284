package flow.exec.grid;

import flow.util.FlowHome;
import flow.util.Shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a batch job calls flow: the same Java that runs the head (or {@code $FLOW_JAVA}), flow's
 * installed class path, and {@code flow task RUN STAGE}; the job appends the index.
 */
public final class TaskCommandLine {
    private TaskCommandLine() {}

    public static List<String> flow(String... args) {
        String java = System.getenv("FLOW_JAVA") != null ? System.getenv("FLOW_JAVA")
                : Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path home = FlowHome.get();
        Path jar = home.resolve("cli/target/flow-cli-0.1.0.jar");
        String classpath = Files.isRegularFile(jar) ? jar + ":" + home.resolve("cli/target/lib") + "/*"
                : System.getProperty("java.class.path");
        List<String> argv = new ArrayList<>(List.of(java));
        // the launcher's class-data archive, when there is one, shortens every task's JVM start-up
        Path cds = home.resolve("cli/target/flow.jsa");
        if (Files.isRegularFile(jar) && Files.isRegularFile(cds)) argv.add("-XX:SharedArchiveFile=" + cds);
        argv.addAll(List.of("-XX:+UseSerialGC", "-Dflow.home=" + home, "-cp", classpath, "flow.cli.Main"));
        argv.addAll(List.of(args));
        return argv;
    }

    public static String quoted(String... args) {
        return Shell.quoteAll(flow(args));
    }
}
