package flow

import flow.exec.Head
import flow.exec.LocalExecutor
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

/** Runs .flow texts through the real engine (loader, planner, run directory, head, local executor). */
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
        Plan plan = plan(text)
        def record = record('r', plan, text)
        RunDir run = new Runs(dir).create('r', record, plan)
        def all = plan.stages().collectEntries { [it.name(), (0..<it.tasks().size()).toList()] }
        [drive(run, record, plan, 'run', all, maxParallel, failFast), run]
    }

    /** What resume would do with the run, for the (possibly edited) text. */
    Map<String, List<Verdict>> assess(RunDir run, String text) {
        new Assessor(run, dir).assess(plan(text))
    }

    /** Resumes the run: assess, then run what is not DONE. */
    int resume(RunDir run, String text, int maxParallel = 2) {
        Plan plan = plan(text)
        def toRun = new Assessor(run, dir).assess(plan).collectEntries { stage, verdicts ->
            [stage, verdicts.findAll { !it.done() }*.index()]
        }
        drive(run, record('r', plan, text), plan, 'resume', toRun, maxParallel, false)
    }

    String output() {
        printed.toString()
    }

    private RunRecord record(String name, Plan plan, String text) {
        RunRecord.of(name, plan, dir.resolve('test.flow').toString(), text, dir.toString(), 'local', [:], [:], [:])
    }

    private int drive(RunDir run, RunRecord record, Plan plan, String event, Map toRun, int maxParallel, boolean failFast) {
        def out = new PrintStream(printed, true)
        new Head(out, steps).drive(run, record, plan, event, toRun, new LocalExecutor.Options(maxParallel, failFast),
                new Progress(out, false))
    }

    Path data(String name, String content) {
        def file = dir.resolve('data').resolve(name)
        Files.createDirectories(file.parent)
        Files.writeString(file, content)
        file
    }
}
