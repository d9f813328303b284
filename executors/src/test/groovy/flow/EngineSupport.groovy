package flow

import flow.exec.ExecutorRegistry
import flow.exec.LaunchOptions
import flow.exec.Launcher
import flow.exec.PipelineLoader
import flow.exec.Progress
import flow.plan.Plan
import flow.plan.Planner
import flow.run.Assessor
import flow.run.RunDir
import flow.run.RunRecord
import flow.run.Runs
import flow.run.Verdict
import flow.step.StepRegistry

import java.nio.file.Files
import java.nio.file.Path

/** Runs .flow texts through the real engine, launched as the CLI launches them (the Launcher: loader, planner, run directory, executor). */
trait EngineSupport {
    Path dir = Files.createTempDirectory('flow-engine')
    StepRegistry steps = StepRegistry.load()
    ByteArrayOutputStream printed = new ByteArrayOutputStream()

    Path flowFile(String text) {
        def file = dir.resolve('test.flow')
        Files.writeString(file, text.stripIndent())
        file
    }

    Plan plan(String text, Map<String, String> overrides = [:]) {
        def loader = new PipelineLoader(steps, dir)
        new Planner(steps, loader.profiles(), dir).plan(loader.load(flowFile(text), overrides, PipelineLoader.CliChoices.NONE))
    }

    /** A fresh run of the text; returns [exit code, run directory]. */
    List run(String text, int maxParallel = 2, boolean failFast = false) {
        def file = flowFile(text)
        def launcher = launcher()
        def spec = launcher.loader().load(file, [:], PipelineLoader.CliChoices.NONE)
        def launched = launcher.run(Launcher.RunRequest.of(spec, file, new LaunchOptions(maxParallel, failFast, false, false)).named('r'))
        [launched.exit(), launched.run()]
    }

    /** What resume would do with the run, for the (possibly edited) text. */
    Map<String, List<Verdict>> assess(RunDir run, String text) {
        def loader = new PipelineLoader(steps, dir)
        def spec = loader.load(flowFile(text), [:], PipelineLoader.CliChoices.NONE)
        def prior = Runs.priorPlan(run, RunRecord.read(run.runJson()))
        new Assessor(run, dir).assess(new Planner(steps, loader.profiles(), dir).plan(spec, prior))
    }

    /** Resumes the run with the (possibly edited) text, as flow resume does: assess, then run what is not DONE. */
    int resume(RunDir run, String text, int maxParallel = 2) {
        flowFile(text)
        launcher().resume(run, Launcher.ResumeRequest.plain(null, maxParallel))
    }

    String output() {
        printed.toString()
    }

    private Launcher launcher() {
        def out = new PrintStream(printed, true)
        new Launcher(dir, steps, ExecutorRegistry.load(), out, new Progress(out, false))
    }

    Path data(String name, String content) {
        def file = dir.resolve('data').resolve(name)
        Files.createDirectories(file.parent)
        Files.writeString(file, content)
        file
    }
}
