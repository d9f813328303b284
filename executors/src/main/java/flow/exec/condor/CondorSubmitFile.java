package flow.exec.condor;

import flow.model.Resources;
import flow.util.Quantities;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a stage's HTCondor submit description: one cluster, one proc per line of the items
 * file (the task index), the task wrapper as executable with new-syntax arguments, resources
 * with explicit units, per-proc output/error, one event log per stage, {@code max_materialize}
 * from the throttle, file transfer when the profile says the site has no shared filesystem
 * ({@code transferFiles}: each proc's files come from its items line, its results go back to its
 * task directory), {@code universe = local} for jobs that must run where the run directory is,
 * the time limit ({@code allowed_execute_duration}, and CERN's {@code +MaxRuntime} and flavour
 * for CERN profiles), the account as accounting group, and the profile's verbatim site lines.
 * Byte-deterministic for a given user.
 */
public final class CondorSubmitFile {
    /** CERN's +JobFlavour buckets, by their wall-time limit in minutes. */
    static final Map<String, Long> FLAVOURS = flavours();
    /** What a task leaves in its sandbox for the trip back (flow task --sandbox always writes all three). */
    static final List<String> SANDBOX_OUTPUTS = List.of("out", "result.json", "command.txt");

    private CondorSubmitFile() {}

    private static Map<String, Long> flavours() {
        Map<String, Long> f = new LinkedHashMap<>();
        f.put("espresso", 20L);
        f.put("microcentury", 60L);
        f.put("longlunch", 120L);
        f.put("workday", 480L);
        f.put("tomorrow", 1440L);
        f.put("testmatch", 4320L);
        f.put("nextweek", 10080L);
        return f;
    }

    /** Resources of the SLURM executor that HTCondor has no counterpart for: a condor stage refuses them. */
    public static final List<String> SLURM_ONLY = List.of("gres", "partition", "constraint", "qos", "sbatch", "dependency");

    /** The smallest flavour whose limit covers the time, or null if none does. */
    public static String flavourFor(Object time) {
        long minutes = Quantities.minutes(time);
        return FLAVOURS.entrySet().stream().filter(e -> e.getValue() >= minutes).map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /**
     * @param executable the task wrapper script (absolute)
     * @param arguments  its arguments before the task index
     * @param logsDir    the stage's logs directory (absolute)
     * @param items      the items file, relative to the submit file: one task index per line
     * @param tasksDir   with file transfer: the stage's {@code tasks} directory, where each proc's
     *                   out/, result.json and command.txt come back to; the items file then holds
     *                   a task index and its files to transfer per line. Null otherwise.
     * @param onSubmitHost the job runs on the submit host (HTCondor's local universe), where the run directory is
     */
    public static String render(String stageName, Integer throttle, String executable, List<String> arguments, String logsDir,
                                String items, Resources resources, String tasksDir, boolean onSubmitHost) {
        List<String> lines = new ArrayList<>();
        lines.add("# flow: stage " + stageName);
        lines.add("universe = " + (onSubmitHost ? "local" : "vanilla"));
        lines.add("executable = " + CondorQuoting.literal("the task script's path", executable));
        List<String> args = new ArrayList<>(arguments.stream().map(a -> CondorQuoting.literal("an argument", a)).toList());
        args.add("$(task)");
        String logs = CondorQuoting.literal("the logs directory", logsDir);
        lines.add("arguments = " + CondorQuoting.arguments(args));
        lines.add("output = " + logs + "/" + stageName + "_$(Cluster)_$(Process).out");
        lines.add("error = " + logs + "/" + stageName + "_$(Cluster)_$(Process).err");
        lines.add("log = " + logs + "/" + stageName + ".events.log");
        int cpus = resources.cpus();
        lines.add("request_cpus = " + cpus);
        // HTCondor asks for a job's memory, not per CPU: memPerCpu is multiplied out
        resources.megabytes(resources.memoryKey()).ifPresent(mb -> lines.add("request_memory = " + resources.taskMegabytes(mb) + "M"));
        resources.megabytes("disk").ifPresent(mb -> lines.add("request_disk = " + mb * 1024 + "K"));
        if (resources.get("gpus") != null) lines.add("request_gpus = " + resources.get("gpus"));
        if (throttle != null) lines.add("max_materialize = " + throttle);
        if (tasksDir != null) {
            List<String> in = new ArrayList<>();
            if (resources.get("transferInput") instanceof List<?> extra) {
                extra.forEach(f -> in.add(CondorQuoting.literal("a transferInput file", String.valueOf(f))));
            }
            in.add("$(files)");
            lines.add("should_transfer_files = YES");
            // outputs come back only from a task that succeeded: out/ exists only once complete
            // (docs/man-pages/htcondor-jdl.rst:1319-1324; ON_SUCCESS needs success_exit_code)
            lines.add("when_to_transfer_output = ON_SUCCESS");
            lines.add("success_exit_code = 0");
            lines.add("transfer_input_files = " + String.join(",", in));
            lines.add("transfer_output_files = " + String.join(",", SANDBOX_OUTPUTS));
            lines.add("transfer_output_remaps = \"" + String.join("; ", SANDBOX_OUTPUTS.stream()
                    .map(f -> f + " = " + CondorQuoting.literal("the tasks directory", tasksDir) + "/$(task)/" + f).toList()) + "\"");
        } else {
            lines.add("should_transfer_files = NO");
        }
        if (resources.get("getenv") != null) lines.add("getenv = " + resources.get("getenv"));
        if (resources.get("environment") instanceof Map<?, ?> env) {
            Map<String, String> vars = new java.util.TreeMap<>();
            env.forEach((k, v) -> vars.put(CondorQuoting.literal("an environment name", String.valueOf(k)),
                    CondorQuoting.literal("the environment value of " + k, String.valueOf(v))));
            lines.add("environment = " + CondorQuoting.environment(vars));
        }
        boolean cern = resources.get("flavour") != null || resources.flag("flavourFromTime");
        String flavour = resources.get("flavour") != null ? String.valueOf(resources.get("flavour"))
                : cern && resources.get("time") != null ? flavourFor(resources.get("time")) : null;
        if (flavour != null) lines.add("+JobFlavour = " + CondorQuoting.classAdString(CondorQuoting.literal("flavour", flavour)));
        resources.minutes().ifPresent(minutes -> {
            // HTCondor holds a job executing longer (code 47: docs/man-pages/htcondor-jdl.rst:1359-1362);
            // CERN's schedds remove jobs past +MaxRuntime, which wins over the flavour (FORMATS.md §2.9)
            lines.add("allowed_execute_duration = " + minutes * 60);
            if (cern) lines.add("+MaxRuntime = " + minutes * 60);
        });
        if (resources.get("account") != null) {
            lines.add("accounting_group = " + CondorQuoting.literal("account", String.valueOf(resources.get("account"))));
            lines.add("accounting_group_user = " + CondorQuoting.literal("the user name", System.getProperty("user.name")));
        }
        lines.add("notification = " + (resources.isSet("notification") ? resources.get("notification") : "Never"));
        if (resources.get("notifyUser") != null) lines.add("notify_user = " + CondorQuoting.literal("notifyUser", String.valueOf(resources.get("notifyUser"))));
        if (resources.get("condor") instanceof List<?> site) site.forEach(l -> lines.add(CondorQuoting.siteLine(String.valueOf(l))));
        lines.add((tasksDir != null ? "queue task,files from " : "queue task from ") + items);
        return String.join("\n", lines) + "\n";
    }
}
