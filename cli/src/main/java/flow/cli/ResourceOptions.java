package flow.cli;

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

    Map<String, Object> overrides() {
        Map<String, Object> given = new LinkedHashMap<>();
        if (time != null) given.put("time", time);
        if (cpus != null) given.put("cpus", cpus);
        if (memPerCpu != null) given.put("memPerCpu", memPerCpu);
        if (partition != null) given.put("partition", partition);
        if (account != null) given.put("account", account);
        if (gres != null) given.put("gres", gres);
        if (gpus != null) given.put("gpus", gpus);
        return given;
    }
}
