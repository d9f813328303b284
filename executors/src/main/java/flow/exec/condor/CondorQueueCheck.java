package flow.exec.condor;

import flow.exec.grid.SchedulerCommands;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The occasional cross-check FORMATS.md §4.5 and §6 advise for a log that may not be written
 * (an event log on a broken filesystem): one {@code condor_q <clusters> -af:j JobStatus
 * HoldReasonCode HoldReasonSubCode HoldReason}, then one {@code condor_history <cluster.proc>... -af:j
 * JobStatus ExitCode ExitBySignal ExitSignal -limit N} for the procs that left the queue
 * (completed and removed jobs leave it). Returns what the schedd knows as {@link CondorJobs.Job}s.
 */
final class CondorQueueCheck {
    private static final Pattern ROW = Pattern.compile("^(\\d+)\\.(\\d+) (\\d+)(?: (.*))?$");

    private final SchedulerCommands commands;

    CondorQueueCheck(SchedulerCommands commands) {
        this.commands = commands;
    }

    /** @param wanted the {@code cluster.proc} ids to ask about; the answer holds those the schedd still knows */
    Map<String, CondorJobs.Job> check(Set<String> wanted) {
        Map<String, CondorJobs.Job> known = new LinkedHashMap<>();
        if (wanted.isEmpty()) return known;
        for (String[] row : rows(ask("condor_q", clustersOf(wanted), "JobStatus", "HoldReasonCode", "HoldReasonSubCode", "HoldReason"))) {
            String id = row[0] + "." + row[1];
            if (!wanted.contains(id)) continue;
            String[] f = fields(row[3], 3);
            known.put(id, new CondorJobs.Job(Integer.parseInt(row[0]), Integer.parseInt(row[1]), status(Integer.parseInt(row[2])),
                    null, null, number(f[0]), number(f[1]), defined(f[2]), null, null, 0));
        }
        Set<String> gone = new TreeSet<>(wanted);
        gone.removeAll(known.keySet());
        if (gone.isEmpty()) return known;
        // by cluster.proc: -limit counts every job listed, so asking by cluster could fill it with other procs
        List<String> argv = ask("condor_history", gone, "JobStatus", "ExitCode", "ExitBySignal", "ExitSignal");
        argv.addAll(List.of("-limit", String.valueOf(gone.size())));
        for (String[] row : rows(argv)) {
            String id = row[0] + "." + row[1];
            if (!gone.contains(id) || known.containsKey(id)) continue; // history lists the newest first
            String[] f = fields(row[3], 3);
            boolean bySignal = "true".equalsIgnoreCase(f[1]);
            Integer exitCode = bySignal ? null : number(f[0]), signal = bySignal ? number(f[2]) : null;
            CondorJobs.Status status = status(Integer.parseInt(row[2]));
            if (status == CondorJobs.Status.DONE && exitCode == null && signal == null) continue; // nothing to settle it by
            known.put(id, new CondorJobs.Job(Integer.parseInt(row[0]), Integer.parseInt(row[1]), status, exitCode, signal,
                    null, null, null, null, null, 0));
        }
        return known;
    }

    /** The clusters of {@code cluster.proc} ids, in order. */
    private static Set<String> clustersOf(Collection<String> ids) {
        Set<String> clusters = new TreeSet<>();
        ids.forEach(id -> clusters.add(id.substring(0, id.indexOf('.'))));
        return clusters;
    }

    private static List<String> ask(String program, Collection<String> clusters, String... attributes) {
        List<String> argv = new ArrayList<>(List.of(program));
        argv.addAll(clusters);
        argv.add("-af:j");
        argv.addAll(List.of(attributes));
        return argv;
    }

    /** Rows of {@code cluster proc JobStatus rest}; a failed query yields none (the logs stay the source). */
    private List<String[]> rows(List<String> argv) {
        SchedulerCommands.Output out = commands.run(argv);
        List<String[]> rows = new ArrayList<>();
        if (out.exit() != 0) return rows;
        for (String line : out.stdout().split("\n")) {
            Matcher m = ROW.matcher(line.strip());
            if (m.matches()) rows.add(new String[]{m.group(1), m.group(2), m.group(3), m.group(4) == null ? "" : m.group(4)});
        }
        return rows;
    }

    /** The first {@code n - 1} space-separated fields, then the rest (a HoldReason has spaces). */
    private static String[] fields(String rest, int n) {
        String[] f = rest.split(" ", n);
        return f.length == n ? f : java.util.Arrays.copyOf(f, n);
    }

    private static Integer number(String value) {
        return value == null || !value.matches("-?\\d+") ? null : Integer.valueOf(value);
    }

    private static String defined(String value) {
        return value == null || value.equals("undefined") ? null : value;
    }

    /** JobStatus codes (FORMATS.md §4.3); transferring output counts as running. */
    static CondorJobs.Status status(int code) {
        return switch (code) {
            case 2, 6 -> CondorJobs.Status.RUNNING;
            case 3 -> CondorJobs.Status.REMOVED;
            case 4 -> CondorJobs.Status.DONE;
            case 5 -> CondorJobs.Status.HELD;
            case 7 -> CondorJobs.Status.SUSPENDED;
            default -> CondorJobs.Status.IDLE;
        };
    }
}
