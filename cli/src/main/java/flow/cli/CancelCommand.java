package flow.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a running run: its head ends its tasks and records the cancellation.")
final class CancelCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "run name or directory (default: the latest)")
    String runName;

    @Override
    public Integer call() throws InterruptedException {
        Workspace ws = new Workspace();
        return ws.launcher().cancel(ws.runs().find(runName));
    }
}
