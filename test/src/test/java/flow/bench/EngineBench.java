package flow.bench;

import flow.exec.ExecutorRegistry;
import flow.exec.LaunchOptions;
import flow.exec.Launcher;
import flow.exec.PipelineLoader;
import flow.exec.Progress;
import flow.model.PipelineSpec;
import flow.plan.Plan;
import flow.plan.Planner;
import flow.step.StepRegistry;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Engine benchmark, run by bench/engine.sh (not a test):
 * {@code plan DIR} plans a 3-stage pipeline over DIR/data/* and prints time and peak heap;
 * {@code tasks DIR N P} runs N trivial exec tasks with P at once and prints tasks/s;
 * {@code donerun DIR} lays out a run over DIR/data/* in which every task is DONE, as the task
 * wrapper leaves them (result.json with input and output digests, out/), for bench/resume.sh;
 * {@code tracedrun DIR N} lays out a run of N+1 tasks whose trace holds one finished attempt of
 * each of the first N, as a head leaves it, for bench/report.sh and the report specs.
 */
public final class EngineBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]).toAbsolutePath();
        StepRegistry steps = StepRegistry.load();
        PipelineLoader loader = new PipelineLoader(steps, dir);
        Planner planner = new Planner(steps, loader.profiles(), dir);
        if (args[0].equals("plan")) plan(dir, loader, planner);
        else if (args[0].equals("donerun")) doneRun(dir, loader, planner);
        else if (args[0].equals("tracedrun")) tracedRun(dir, Integer.parseInt(args[2]));
        else tasks(dir, loader, steps, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    }

    private static void plan(Path dir, PipelineLoader loader, Planner planner) throws Exception {
        Path file = write(dir, "plan.flow", """
                stage('a') { inputs files('data/*'); step exec('cp ${inputs} ${outDir}/') }
                stage('b') { dependsOn 'a'; inputs outputsOf('a'); group 1; step exec('cp ${inputs} ${outDir}/') }
                stage('c') { dependsOn 'b'; inputs outputsOf('b'); step exec('cat ${inputs} > ${outDir}/all') }
                """);
        for (int round = 1; round <= 3; round++) {
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            PipelineSpec spec = loader.load(file, Map.of(), PipelineLoader.CliChoices.NONE);
            long loaded = System.nanoTime();
            Plan plan = planner.plan(spec);
            long end = System.nanoTime();
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("plan round %d: %d tasks (%s) in %d ms (read and validate %d ms, plan %d ms), peak heap %d MB%n",
                    round, plan.taskCount(), plan.stages().stream().map(s -> s.name() + "=" + s.tasks().size()).toList(),
                    (end - start) / 1_000_000, (loaded - start) / 1_000_000, (end - loaded) / 1_000_000, peak >> 20);
        }
    }

    /** This JVM's user and system CPU in clock ticks (/proc/self/stat fields 14 and 15; children not counted). */
    private static long[] ownCpuTicks() throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[]{Long.parseLong(f[11]), Long.parseLong(f[12])};
    }

    /** Timed from the launch to the end: planning and the run directory included, as a user waits for them. */
    private static void tasks(Path dir, PipelineLoader loader, StepRegistry steps, int n, int parallel) throws Exception {
        Path file = write(dir, "tasks.flow", "stage('t') { scan i: (1.." + n + ").toList(); step exec('echo ${i} > ${outDir}/x') }\n");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Launcher launcher = new Launcher(dir, steps, ExecutorRegistry.load(), quiet, new Progress(quiet, false));
        PipelineSpec spec = loader.load(file, Map.of(), PipelineLoader.CliChoices.NONE);
        long start = System.nanoTime();
        long[] before = ownCpuTicks();
        int exit = launcher.run(Launcher.RunRequest.of(spec, file, new LaunchOptions(parallel, false, false, false))
                .named("bench-" + System.nanoTime())).exit();
        double seconds = (System.nanoTime() - start) / 1e9;
        // the head's own CPU (its JVM, user and system: wrappers, digests, ledger, results), its tasks' not counted
        long[] after = ownCpuTicks();
        double user = (after[0] - before[0]) / 100.0, system = (after[1] - before[1]) / 100.0;
        System.out.printf("head CPU: %.2f s user + %.2f s system, %.2f ms per task%n", user, system, (user + system) * 1000 / n);
        System.out.printf("flow local executor: %d tasks, %d at once, exit %d, %.2f s, %.0f tasks/s%n", n, parallel, exit,
                seconds, n / seconds);
    }

    /** Lays out run 'big' in {@code dir}: N tasks of stage sim, each with one attempt in the trace, and one task of sum not run. */
    public static flow.run.RunDir tracedRun(Path dir, int n) throws Exception {
        StepRegistry steps = StepRegistry.load();
        PipelineLoader loader = new PipelineLoader(steps, dir);
        Path file = write(dir, "big.flow", "stage('sim') { scan i: (1.." + n + ").toList(); memory '2g'; step exec('true') }\n"
                + "stage('sum') { dependsOn 'sim'; inputs outputsOf('sim'); step exec('true') }\n");
        PipelineSpec spec = loader.load(file, Map.of(), PipelineLoader.CliChoices.NONE);
        Plan plan = new Planner(steps, loader.profiles(), dir).plan(spec);
        flow.run.RunRecord record = flow.run.RunRecord.of("big", plan, file.toString(), spec.sourceText(), dir.toString(), "local",
                Map.of(), spec.params(), new java.util.LinkedHashMap<>());
        flow.run.RunDir run = new flow.run.Runs(dir).create("big", record, plan);
        try (flow.run.Ledger ledger = flow.run.Ledger.open(run.ledger())) {
            ledger.append(flow.run.LedgerEvent.RUN, Map.of("planHash", record.planHash()));
            for (int i = 0; i < n; i++) { // as large as a head leaves it: a start and an end record per task
                ledger.append(flow.run.LedgerEvent.TASK_START, Map.of("stage", "sim", "index", i, "attempt", 1));
                ledger.append(flow.run.LedgerEvent.TASK_END, Map.of("stage", "sim", "index", i, "attempt", 1, "exit", 0));
            }
        }
        java.time.Instant t0 = java.time.Instant.parse(String.valueOf(flow.run.Ledger.read(run.ledger()).get(0).get("time")));
        flow.run.Trace trace = new flow.run.Trace(run);
        flow.plan.StageDefinition sim = record.stage("sim");
        for (int i = 0; i < n; i++) {
            java.time.Instant start = t0.plusMillis(i * 20L), end = start.plusMillis(500 + i % 700);
            var result = new flow.run.TaskResult("sim", i, "", "", 1, 0, null, null, "node" + i % 8, start.toString(), end.toString(),
                    List.of(), Map.of(), List.of(), List.of(), Map.of(), new flow.step.UsageMeter.Usage(0.4, 100 + i % 900, "processes"), List.of());
            trace.append(sim, i, 1, String.valueOf(9000 + i / 1000), "done", null, 0, start.toString(), flow.run.AttemptFigures.of(result).requesting(flow.run.Trace.requestedMegabytes(sim, 1)));
        }
        return run;
    }

    /**
     * The pipeline of bench/resume.sh: one task per input file, then one task over all their
     * outputs, which it reads through its manifest (100,000 paths exceed a command line).
     */
    static final String DONE_PIPELINE = """
            stage('a') { inputs files('data/*'); step exec('cp ${inputs} ${outDir}/') }
            stage('b') { dependsOn 'a'; inputs outputsOf('a'); step exec('wc -l < ${inputsManifest} > ${outDir}/all') }
            """;

    private static void doneRun(Path dir, PipelineLoader loader, Planner planner) throws Exception {
        Path file = write(dir, "done.flow", DONE_PIPELINE);
        PipelineSpec spec = loader.load(file, Map.of(), PipelineLoader.CliChoices.NONE);
        Plan plan = planner.plan(spec);
        flow.run.RunRecord record = flow.run.RunRecord.of("done", plan, file.toString(), spec.sourceText(), dir.toString(), "local",
                Map.of(), spec.params(), new java.util.LinkedHashMap<>(Map.of("maxParallel", 2, "failFast", false)));
        flow.run.RunDir run = new flow.run.Runs(dir).create("done", record, plan);
        String empty = flow.util.Digests.sha256("");
        List<flow.run.TaskResult.UpstreamUse> used = new java.util.ArrayList<>();
        for (flow.plan.PlannedTask t : plan.stage("a").tasks()) {
            Path out = Files.createDirectories(run.outDir("a", t.index()));
            String name = Path.of(t.files().get(0).path()).getFileName().toString();
            Files.createFile(out.resolve(name));
            var result = new flow.run.TaskResult("a", t.index(), t.id(), t.recipe(), 1, 0, null, null, "bench", "t0", "t1",
                    t.files().stream().map(f -> f.withDigest(empty)).toList(), Map.of(), List.of(),
                    List.of(new flow.run.TaskResult.Output(name, 0, empty)), Map.of(), null, List.of());
            result.write(run.resultJson("a", t.index()));
            flow.run.ResultIndex.append(run, result);
            used.add(new flow.run.TaskResult.UpstreamUse("a", t.index(), result.outputsDigest()));
        }
        flow.plan.PlannedTask all = plan.stage("b").tasks().get(0);
        Files.createDirectories(run.outDir("b", 0)).resolve("all").toFile().createNewFile();
        var combined = new flow.run.TaskResult("b", 0, all.id(), all.recipe(), 1, 0, null, null, "bench", "t0", "t1", List.of(), Map.of(), used,
                List.of(new flow.run.TaskResult.Output("all", 0, empty)), Map.of(), null, List.of());
        combined.write(run.resultJson("b", 0));
        flow.run.ResultIndex.append(run, combined);
        System.out.printf("laid out run 'done': %d DONE tasks in %s%n", plan.taskCount(), run.root());
    }

    private static Path write(Path dir, String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }
}
