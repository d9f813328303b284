package flow.cli;

import flow.run.RunDir;
import flow.run.RunLock;
import flow.run.Runs;
import flow.run.SafeDelete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.util.concurrent.Callable;

@Command(name = "clean", mixinStandardHelpOptions = true, description = "Delete a run's directory (not while it runs).")
final class CleanCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "run name")
    String runName;

    @Override
    public Integer call() throws Exception {
        Runs runs = new Workspace().runs();
        RunDir run = runs.find(runName);
        RunLock.liveHolder(run.lock()).ifPresent(h -> {
            throw new IllegalStateException("run " + run.name() + " is running (" + h.describe() + "); cancel it first");
        });
        long bytes = SafeDelete.deleteInside(runs.dir(), run.root());
        var latest = runs.dir().resolve("latest");
        if (Files.isRegularFile(latest) && Files.readString(latest).strip().equals(run.name())) Files.delete(latest);
        System.out.println("removed run " + run.name() + " (" + bytes + " bytes)");
        return 0;
    }
}
