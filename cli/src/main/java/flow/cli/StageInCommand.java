package flow.cli;

import flow.run.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "stage-in", mixinStandardHelpOptions = true, hidden = true,
        description = "Resolve the inputs of a node's tasks for jobs without the shared filesystem (an HTCondor PRE script).")
final class StageInCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "run name or directory")
    String runName;

    @Parameters(index = "1", paramLabel = "STAGE")
    String stage;

    @Parameters(index = "2", paramLabel = "ITEMS", description = "the node's items file (one task index per line)")
    Path items;

    @Parameters(index = "3", paramLabel = "SANDBOX_ITEMS", description = "the items file to write (index and files per line)")
    Path sandboxItems;

    @Override
    public Integer call() throws Exception {
        Workspace ws = new Workspace();
        RunDir run = ws.runs().find(runName);
        ws.launcher().stageIn(run, stage, items, sandboxItems);
        return 0;
    }
}
