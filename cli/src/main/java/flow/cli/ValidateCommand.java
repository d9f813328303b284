package flow.cli;

import flow.exec.PipelineLoader;
import flow.model.PipelineSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check a .flow file; every problem is reported with file:line (exit 2).")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @picocli.CommandLine.Mixin
    ParamsOptions params;

    @Override
    public Integer call() {
        PipelineSpec spec = new Workspace().loader().load(file, params.resolve(), PipelineLoader.CliChoices.NONE);
        System.out.println(file + ": ok, pipeline " + spec.name() + " with " + spec.stages().size() + " stages");
        return 0;
    }
}
