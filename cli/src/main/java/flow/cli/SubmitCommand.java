package flow.cli;

import flow.exec.Launcher;
import flow.exec.PipelineLoader;
import flow.model.PipelineSpec;
import flow.submit.JobMetadata;
import flow.submit.SpineSubmission;
import flow.util.AtomicFiles;
import flow.util.Shell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Run SPINE over files as a one-stage pipeline: spine-prod's submit.py, as a flow command.",
                "--ntasks is the number of tasks at once (the throttle) when --files-per-task is given, and the number of tasks otherwise."})
final class SubmitCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "CFG", description = "the SPINE configuration; must exist")
    Path config;

    @Option(names = "--source", paramLabel = "PATH", arity = "1..*", description = "input files or globs (sorted)")
    List<String> sources = new ArrayList<>();

    @Option(names = "--source-list", paramLabel = "FILE", description = "a file listing the inputs, one per line")
    Path sourceList;

    @Option(names = "--files-per-task", paramLabel = "K")
    Integer filesPerTask;

    @Option(names = "--ntasks", paramLabel = "N", description = "with --files-per-task: tasks at once; without: the number of tasks")
    Integer ntasks;

    @Option(names = "--profile", description = "resource profile (default: the detector's)")
    String profile;

    @Option(names = "--detector", description = "detector (default: the one named by a component of the config's path)")
    String detector;

    @Option(names = "--job-name", paramLabel = "NAME", description = "pipeline and run name (default: the config's name)")
    String jobName;

    @Option(names = "--output", paramLabel = "DIR", description = "also copy every output here")
    Path output;

    @Option(names = "--dependency", paramLabel = "afterok:ID", description = "SLURM jobs outside flow to wait for")
    String dependency;

    @Option(names = "--larcv", paramLabel = "DIR", description = "LArCV installation whose configure.sh is sourced first")
    String larcv;

    @Option(names = "--flashmatch", description = "source OpT0Finder's configure.sh ($FMATCH_BASEDIR) for flash matching")
    boolean flashmatch;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "SPINE configuration override, passed as --set")
    Map<String, String> sets = new LinkedHashMap<>();

    @Mixin
    LaunchOptions common; // --executor defaults to SpineSubmission.defaultExecutor

    @Override
    public Integer call() throws Exception {
        Workspace ws = new Workspace();
        Launcher launcher = ws.launcher();
        PipelineLoader loader = launcher.loader();
        SpineSubmission submission = SpineSubmission.resolve(new SpineSubmission.Request(config, sources, sourceList, filesPerTask, ntasks,
                profile, detector, jobName, output, larcv, flashmatch, sets), loader.profiles(), ws.launchDir);
        String command = Shell.quoteAll(spec.commandLine().getParseResult().originalArgs().stream().map(a -> (Object) a).toList());
        command = "flow " + command;
        String runName = ws.runs().defaultName(submission.name());
        // the generated pipeline and its file list live beside the runs, so that resume finds them; a dry run keeps them in a temporary directory
        Path dir = common.dryRun.requested() ? Files.createTempDirectory("flow-submit") : ws.runs().dir().getParent().resolve("submit");
        Files.createDirectories(dir);
        Path flowFile = dir.resolve(runName + ".flow"), list = dir.resolve(runName + ".sources");
        try {
            StringBuilder files = new StringBuilder();
            submission.sources().forEach(f -> files.append(f).append('\n'));
            AtomicFiles.write(list, files.toString());
            AtomicFiles.write(flowFile, submission.flowText(list, command));
            String executor = common.executor != null ? common.executor : SpineSubmission.defaultExecutor(launcher.executors());
            PipelineSpec pipeline = loader.load(flowFile, Map.of(), new PipelineLoader.CliChoices(executor, null));
            Map<String, Object> overrides = common.resources.overrides();
            if (dependency != null) overrides.put("dependency", dependency);
            System.out.println("submit " + submission.name() + ": " + submission.sources().size() + " files in " + submission.chunks()
                    + " tasks of " + submission.groupSize() + (submission.detector() != null ? ", detector " + submission.detector() : "")
                    + ", profile " + submission.profile());
            String recorded = command;
            return launcher.run(new Launcher.RunRequest(pipeline, flowFile, Map.of(), runName, common.dryRun.resolve(), common.execution.resolve(), overrides,
                    null, (run, plan) -> System.out.println("metadata: " + JobMetadata.write(run, plan, submission, recorded)))).exit();
        } finally {
            if (common.dryRun.requested()) {
                Files.deleteIfExists(flowFile);
                Files.deleteIfExists(list);
                Files.deleteIfExists(dir);
            }
        }
    }
}
