package flow.bench;

import flow.exec.Head;
import flow.exec.LocalExecutor;
import flow.exec.PipelineLoader;
import flow.exec.Progress;
import flow.model.PipelineSpec;
import flow.plan.Plan;
import flow.plan.PlannedStage;
import flow.plan.Planner;
import flow.run.RunDir;
import flow.run.RunRecord;
import flow.run.Runs;
import flow.step.StepRegistry;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Engine benchmark, run by bench/engine.sh (not a test):
 * {@code plan DIR} plans a 3-stage pipeline over DIR/data/* and prints time and peak heap;
 * {@code tasks DIR N P} runs N trivial exec tasks with P at once and prints tasks/s.
 */
public final class EngineBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]).toAbsolutePath();
        StepRegistry steps = StepRegistry.load();
        PipelineLoader loader = new PipelineLoader(steps, dir);
        Planner planner = new Planner(steps, loader.profiles(), dir);
        if (args[0].equals("plan")) plan(dir, loader, planner);
        else tasks(dir, loader, planner, steps, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
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

    private static void tasks(Path dir, PipelineLoader loader, Planner planner, StepRegistry steps, int n, int parallel)
            throws Exception {
        Path file = write(dir, "tasks.flow", "stage('t') { scan i: (1.." + n + ").toList(); step exec('echo ${i} > ${outDir}/x') }\n");
        Plan plan = planner.plan(loader.load(file, Map.of(), PipelineLoader.CliChoices.NONE));
        String name = "bench-" + System.nanoTime();
        RunRecord record = RunRecord.of(name, plan, file.toString(), Files.readString(file), dir.toString(), "local",
                Map.of(), Map.of(), Map.of());
        RunDir run = new Runs(dir).create(name, record, plan);
        Map<String, List<Integer>> all = new LinkedHashMap<>();
        for (PlannedStage s : plan.stages()) all.put(s.name(), IntStream.range(0, s.tasks().size()).boxed().toList());
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        long start = System.nanoTime();
        int exit = new Head(quiet, steps).drive(run, record, plan, "run", all, new LocalExecutor.Options(parallel, false),
                new Progress(quiet, false));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("flow local executor: %d tasks, %d at once, exit %d, %.2f s, %.0f tasks/s%n", n, parallel, exit,
                seconds, n / seconds);
    }

    private static Path write(Path dir, String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }
}
