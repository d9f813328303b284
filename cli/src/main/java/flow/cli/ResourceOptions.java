package flow.cli;

import flow.model.ResourceKey;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** Resources given on the command line; they win over profiles and stage settings. */
final class ResourceOptions {
    @Option(names = "--time", description = "time limit per task, e.g. 30m, 2h")
    String time;

    @Option(names = "--cpus-per-task", paramLabel = "N")
    Integer cpus;

    @Option(names = "--mem-per-cpu", paramLabel = "MEM", description = "e.g. 4g")
    String memPerCpu;

    @Option(names = "--partition")
    String partition;

    @Option(names = "--account")
    String account;

    @Option(names = "--gres", description = "generic resources, e.g. gpu:1")
    String gres;

    @Option(names = "--gpus", paramLabel = "N", description = "GPUs per task")
    Integer gpus;

    /** @throws IllegalArgumentException naming the option, for a value no scheduler could take (exit 2, nothing submitted) */
    Map<String, Object> overrides() {
        Map<String, Object> given = new LinkedHashMap<>();
        put(given, "--time", ResourceKey.TIME, time);
        put(given, "--cpus-per-task", ResourceKey.CPUS, cpus);
        put(given, "--mem-per-cpu", ResourceKey.MEM_PER_CPU, memPerCpu);
        put(given, "--partition", ResourceKey.PARTITION, partition);
        put(given, "--account", ResourceKey.ACCOUNT, account);
        put(given, "--gres", ResourceKey.GRES, gres);
        put(given, "--gpus", ResourceKey.GPUS, gpus);
        return given;
    }

    private static void put(Map<String, Object> given, String option, ResourceKey key, Object value) {
        if (value == null) return;
        key.problem(value).ifPresent(problem -> {
            throw new IllegalArgumentException(option + ": " + problem);
        });
        given.put(key.key, value);
    }
}
