package flow.exec.slurm;

import flow.exec.TaskLog;
import flow.exec.grid.ArrayJob;
import flow.exec.grid.ArrayTaskId;
import flow.exec.grid.GridScheduler;
import flow.exec.grid.RetryScaling;
import flow.exec.grid.SchedulerCommands;
import flow.exec.grid.SubmittedArray;
import flow.exec.grid.TaskState;
import flow.model.Resources;
import flow.plan.StageDefinition;
import flow.run.AttemptFigures;
import flow.run.RunDir;
import flow.util.ControlCharacters;
import flow.util.IndexRanges;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SLURM: one sbatch array per stage (or per chunk), afterok chains, one batched squeue per poll. */
public final class SlurmScheduler extends GridScheduler {
    private static final Pattern MAX_ARRAY = Pattern.compile("(?m)^MaxArraySize\\s*=\\s*(\\d+)");
    /** Values written into #SBATCH lines: sbatch reads them itself, so they must be plain tokens. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.:,@%+=/-]+");
    /**
     * sbatch's failures that are not about the request: slurmctld unreachable, busy or timing out
     * (slurm_strerror's ESLURM_ERROR_ON_DESC_TO_RECORD_COPY, SLURM_PROTOCOL_SOCKET_IMPL_TIMEOUT,
     * EAGAIN, ...). Any other refusal (invalid partition, account or QOS, more than permitted,
     * a node configuration that is not available) is the request's.
     */
    private static final Pattern UNREACHABLE = Pattern.compile("(?i)unable to contact slurm controller|socket timed out|"
            + "temporarily unable|temporarily unavailable|zero bytes were transmitted|connection refused|communication connection failure|"
            + "slurmctld.*(busy|not responding)|cannot run sbatch|try again");
    private Integer maxArraySize;

    public SlurmScheduler(SchedulerCommands commands) {
        super(commands);
    }

    @Override
    public String scriptName(String stage, int offset) {
        return stage + (offset == 0 ? "" : "." + offset) + ".sbatch";
    }

    @Override
    public String taskIndex(int offset) {
        return "\"$((SLURM_ARRAY_TASK_ID + " + offset + "))\"";
    }

    @Override
    public String renderScript(String runName, StageDefinition stage, String command) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        sbatch(s, "--job-name", (runName + "." + stage.name()).replaceAll("[^A-Za-z0-9._-]", "_"));
        Resources r = stage.resources();
        for (String key : List.of("partition", "account", "qos", "constraint")) {
            if (r.isSet(key)) sbatch(s, "--" + key, r.get(key));
        }
        sbatch(s, "--cpus-per-task", r.cpus());
        String memory = r.memoryKey();
        r.megabytes(memory).ifPresent(mb -> sbatch(s, memory.equals("memPerCpu") ? "--mem-per-cpu" : "--mem", mb + "M"));
        r.minutes().ifPresent(minutes -> sbatch(s, "--time", minutes));
        if (r.isSet("gpus")) sbatch(s, "--gpus", r.get("gpus"));
        if (r.isSet("gres")) sbatch(s, "--gres", r.get("gres"));
        if (r.get("sbatch") instanceof List<?> extra) extra.forEach(line -> s.append("#SBATCH ").append(siteLine(line)).append('\n'));
        s.append("\nset -eu\n");
        s.append("exec ").append(command).append('\n');
        return s.toString();
    }

    /** A profile's own #SBATCH line, as written, but one line: a new line would start a command of the script. */
    private static String siteLine(Object line) {
        String text = String.valueOf(line);
        if (ControlCharacters.firstIn(text) >= 0) {
            throw new IllegalArgumentException("an 'sbatch' line of the profile holds a control character: " + ControlCharacters.shown(text));
        }
        return text;
    }

    private static void sbatch(StringBuilder s, String option, Object value) {
        String text = String.valueOf(value);
        if (!PLAIN.matcher(text).matches()) {
            throw new IllegalArgumentException("SLURM " + option + " '" + text + "': spaces and quotes are not allowed in #SBATCH values");
        }
        s.append("#SBATCH ").append(option).append('=').append(text).append('\n');
    }

    @Override
    public String submit(ArrayJob job) throws SubmitException {
        List<String> argv = new ArrayList<>(List.of("sbatch", "--parsable"));
        argv.add("--array=" + IndexRanges.format(job.arrayIndices()) + (job.throttle() != null ? "%" + job.throttle() : ""));
        String logs = job.script().getParent().getParent().resolve("logs").resolve(job.stage() + "_%A_%a").toString();
        argv.add("--output=" + logs + ".out");
        argv.add("--error=" + logs + ".err");
        argv.add("--job-name=" + job.name());
        argv.add("--export=ALL,FLOW_ATTEMPT=" + job.attempt());
        argv.add("--kill-on-invalid-dep=yes");
        List<String> dependencies = new ArrayList<>();
        if (!job.after().isEmpty()) dependencies.add((job.corresponding() ? "aftercorr:" : "afterok:") + String.join(":", job.after()));
        if (!job.afterAny().isEmpty()) dependencies.add("afterany:" + String.join(":", job.afterAny()));
        // a job outside the run this submission waits for (flow submit --dependency afterok:ID)
        if (job.resources().isSet("dependency")) dependencies.add(String.valueOf(job.resources().get("dependency")));
        if (!dependencies.isEmpty()) argv.add("--dependency=" + String.join(",", dependencies));
        argv.addAll(scaledResources(job));
        argv.add(job.script().toString());
        SchedulerCommands.Output out = commands.submit(argv, null, job.placeholderId() + "\n");
        if (out.exit() != 0) throw new SubmitException(out.message(), !UNREACHABLE.matcher(out.message()).find());
        return out.stdout().strip().split(";")[0];
    }

    /** After out-of-memory or time-limit failures: more memory or time, given on the command line. */
    private static List<String> scaledResources(ArrayJob job) {
        List<String> args = new ArrayList<>();
        Resources r = job.resources();
        if (job.memoryFactor() > 1) {
            String key = r.memoryKey();
            args.add((key.equals("memPerCpu") ? "--mem-per-cpu=" : "--mem=") + RetryScaling.megabytes(r, key, "100M", job.memoryFactor()) + "M");
        }
        if (job.timeFactor() > 1 && r.isSet("time")) args.add("--time=" + RetryScaling.minutes(r, job.timeFactor()));
        return args;
    }

    @Override
    public List<TaskState> query(Collection<String> jobIds) {
        if (jobIds.isEmpty()) return List.of();
        SchedulerCommands.Output out = commands.run(List.of("squeue", "-h", "-t", "all", "-j", String.join(",", jobIds),
                "-O", SlurmStates.FORMAT));
        if (out.exit() != 0) {
            // a single id SLURM has forgotten (MinJobAge) is an error; a list just omits it
            if (out.message().contains("Invalid job id")) return List.of();
            throw new IllegalStateException("squeue: " + out.message());
        }
        return SlurmStates.parse(out.stdout());
    }

    /** {@code squeue --name}: each array still in the queue under one of the names, by its array job id. */
    @Override
    public java.util.Map<String, String> recoverSubmissions(Collection<String> names) {
        java.util.Map<String, String> found = new java.util.LinkedHashMap<>();
        if (names.isEmpty()) return found;
        SchedulerCommands.Output out = commands.run(List.of("squeue", "-h", "-t", "all", "--name=" + String.join(",", names), "-o", "%j %F"));
        if (out.exit() != 0) throw new IllegalStateException("squeue: " + out.message());
        for (String line : out.stdout().split("\n")) {
            String[] cols = line.strip().split(" ");
            if (cols.length == 2 && names.contains(cols[0])) found.putIfAbsent(cols[0], cols[1]);
        }
        return found;
    }

    /** sacct, where slurmdbd runs; without it sacct says accounting is disabled and this is empty. */
    @Override
    public List<TaskState> history(Collection<String> jobIds) {
        if (jobIds.isEmpty()) return List.of();
        SchedulerCommands.Output out = commands.run(List.of("sacct", "-n", "-P", "-X", "-j", String.join(",", jobIds),
                "--format=JobID,State,ExitCode"));
        if (out.exit() != 0 || out.stdout().isBlank()) return List.of();
        return SlurmStates.parseAccounting(out.stdout());
    }

    /**
     * sacct of the arrays of these tasks, one call; needs slurmdbd (without it: none). A task
     * whose record slurmdbd has not yet received is left out.
     */
    @Override
    public java.util.Map<ArrayTaskId, AttemptFigures> usage(Collection<ArrayTaskId> tasks) {
        java.util.Set<String> arrays = new java.util.TreeSet<>();
        tasks.forEach(t -> arrays.add(t.jobId()));
        if (arrays.isEmpty()) return java.util.Map.of();
        SchedulerCommands.Output out = commands.run(List.of("sacct", "-n", "-P", "-j", String.join(",", arrays), "--format=" + SacctUsage.FORMAT));
        if (out.exit() != 0) return java.util.Map.of();
        java.util.Map<ArrayTaskId, AttemptFigures> asked = new java.util.LinkedHashMap<>();
        SacctUsage.parse(out.stdout(), java.time.ZoneId.systemDefault()).forEach((t, f) -> { if (tasks.contains(t)) asked.put(t, f); });
        return asked;
    }

    @Override
    public void cancel(Collection<String> jobIds) {
        if (!jobIds.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of("scancel"));
            argv.addAll(jobIds);
            commands.run(argv);
        }
    }

    /** {@code --output=<stage>_%A_%a.out}: the array's job id and the task's index in the array. */
    @Override
    public TaskLog taskLog(RunDir run, SubmittedArray array, int task) {
        Path base = run.logsDir(array.stage()).resolve(array.stage() + "_" + array.jobId() + "_" + (task - array.offset()));
        return new TaskLog(array.attempt(), Path.of(base + ".out"), Path.of(base + ".err"));
    }

    @Override
    public int maxArraySize() {
        if (maxArraySize == null) {
            SchedulerCommands.Output out = commands.run(List.of("scontrol", "show", "config"));
            Matcher m = MAX_ARRAY.matcher(out.stdout());
            if (out.exit() != 0 || !m.find()) throw new IllegalStateException("cannot read MaxArraySize from 'scontrol show config': " + out.message());
            maxArraySize = Integer.parseInt(m.group(1));
        }
        return maxArraySize;
    }
}
