package flow.cli;

import flow.run.RunDir;
import flow.run.RunLock;
import flow.run.Runs;
import flow.run.SafeDelete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.Console;
import java.nio.file.Files;
import java.util.concurrent.Callable;

@Command(name = "clean", mixinStandardHelpOptions = true, description = "Delete a run's directory (not while it runs).")
final class CleanCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "run name or directory (default: the latest; then --yes is needed off a terminal)")
    String runName;

    @Option(names = "--yes", description = "do not ask (on a terminal, clean asks first)")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        Runs runs = new Workspace().runs();
        RunDir run = runs.find(runName);
        RunLock.liveHolder(run.lock()).ifPresent(h -> {
            throw new IllegalStateException("run " + run.name() + " is running (" + h.describe() + "); cancel it first");
        });
        Console console = System.console();
        if (runName == null && !yes && console == null) {
            throw new IllegalArgumentException("name the run to delete (latest is " + run.name() + "), or give --yes");
        }
        if (!yes && console != null) {
            String answer = console.readLine("delete run %s (%s)? [y/N] ", run.name(), run.root());
            if (answer == null || !answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
                System.out.println("run " + run.name() + " kept");
                return 0;
            }
        }
        long bytes = SafeDelete.deleteInside(runs.dir(), run.root());
        var latest = runs.dir().resolve("latest");
        if (Files.isRegularFile(latest) && Files.readString(latest).strip().equals(run.name())) Files.delete(latest);
        System.out.println("removed run " + run.name() + " (" + bytes + " bytes)");
        return 0;
    }
}
