package flow.cli;

import flow.exec.Launcher;
import flow.exec.PipelineLoader;
import flow.model.PipelineSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Plan a .flow pipeline and run it.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the .flow file")
    Path file;

    @Option(names = "--profile", description = "resource profile for stages that name none")
    String profile;

    @Mixin
    ParamsOptions paramsOptions;

    @Option(names = "--run-name", paramLabel = "NAME", description = "name of the run directory (default: pipeline-date-time)")
    String runName;

    @Mixin
    LaunchOptions common;

    @Override
    public Integer call() throws Exception {
        Launcher launcher = new Workspace().launcher();
        Map<String, String> params = paramsOptions.resolve();
        PipelineSpec spec = launcher.loader().load(file, params, new PipelineLoader.CliChoices(common.executor, profile));
        var launched = launcher.run(new Launcher.RunRequest(spec, file, params, runName, common.dryRun.resolve(), common.execution.resolve(),
                common.resources.overrides(), profile, (run, plan) -> {}));
        common.execution.report(launched.run());
        return launched.exit();
    }
}
