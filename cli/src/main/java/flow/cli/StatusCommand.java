package flow.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a run's stages: done, running, failed, pending.")
final class StatusCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "run name or directory (default: the latest)")
    String runName;

    @Override
    public Integer call() {
        Workspace ws = new Workspace();
        System.out.print(ws.launcher().status(ws.runs().find(runName)));
        return 0;
    }
}
