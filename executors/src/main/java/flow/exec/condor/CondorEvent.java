package flow.exec.condor;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One record of an HTCondor job event log: {@code EEE (cluster.proc.subproc) date time text},
 * body lines (trimmed), up to the {@code ...} line.
 */
public record CondorEvent(int code, int cluster, int proc, int subproc, LocalDateTime time, String text, List<String> body) {
    public static final int SUBMIT = 0, EXECUTE = 1, EXECUTABLE_ERROR = 2, EVICTED = 4, TERMINATED = 5, SHADOW_EXCEPTION = 7,
            ABORTED = 9, SUSPENDED = 10, UNSUSPENDED = 11, HELD = 12, RELEASED = 13, RECONNECT_FAILED = 24,
            CLUSTER_REMOVED = 36;

    private static final Pattern NORMAL = Pattern.compile("\\(\\d+\\) Normal termination \\(return value (-?\\d+)\\)");
    private static final Pattern ABNORMAL = Pattern.compile("\\(\\d+\\) Abnormal termination \\(signal (-?\\d+)\\)");
    private static final Pattern HOLD_CODE = Pattern.compile("Code (-?\\d+) Subcode (-?\\d+)");
    /** The note DAGMan gave the submit event before HTCondor 25.11. */
    private static final Pattern DAG_NODE = Pattern.compile("^DAG Node: (\\S+)");
    /**
     * From 25.11 the schedd writes the note as a ClassAd, {@code [ DAGNodeName = "x"; JobBatchName = "y" ]}
     * (src/condor_schedd.V6/schedd.cpp:5852-5866, condor_event.cpp:1527-1545); DAGMan reads both (dag.cpp:3290).
     */
    private static final Pattern DAG_NODE_ATTRIBUTE = Pattern.compile("^\\[.*\\bDAGNodeName\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** src/condor_utils/condor_event.cpp:3711-3735 (formatRusage), followed by "  -  Run Remote Usage" (2768-2769). */
    private static final Pattern RUN_REMOTE_USAGE = Pattern.compile(
            "Usr (\\d+) (\\d+):(\\d+):(\\d+), Sys (\\d+) (\\d+):(\\d+):(\\d+)  -  Run Remote Usage");
    /** The starter's memory hold: src/condor_starter.V6.1/vanilla_proc.cpp:993-1005. */
    private static final Pattern LAST_MEASURED = Pattern.compile("Last measured usage: (\\d+) megabytes");
    private static final Pattern HOST = Pattern.compile("<([^:?>]+)[^>]*>");
    private static final Pattern ALIAS = Pattern.compile("[?&]alias=([^&>]+)");

    /** The return value of a normal termination (event 005). */
    public Optional<Integer> returnValue() {
        return firstBody(NORMAL).map(Integer::parseInt);
    }

    /** The signal of an abnormal termination (event 005). */
    public Optional<Integer> signal() {
        return firstBody(ABNORMAL).map(Integer::parseInt);
    }

    /** The hold reason text (event 012): the first body line that is not the code line. */
    public Optional<String> holdReason() {
        return code == HELD ? body.stream().filter(l -> !HOLD_CODE.matcher(l).matches()).findFirst() : Optional.empty();
    }

    /** Why a job was aborted (event 009): its reason line, when it has one (condor_event.cpp:2651-2662). */
    public Optional<String> abortReason() {
        return code == ABORTED && !body.isEmpty() ? Optional.of(body.get(0)) : Optional.empty();
    }

    /** User plus system CPU of the job's run on its execute node (events 004 and 005), in seconds. */
    public Optional<Double> runCpuSeconds() {
        if (code != TERMINATED && code != EVICTED) return Optional.empty();
        for (String line : body) {
            Matcher m = RUN_REMOTE_USAGE.matcher(line);
            if (m.find()) return Optional.of(dhms(m, 1) + dhms(m, 5));
        }
        return Optional.empty();
    }

    /**
     * The job's peak memory in MB as HTCondor measured it: the Usage column of the memory row of a
     * terminate event's resource table, or the last measured usage a memory hold names. A 0 is
     * no measurement (no snapshot was taken while the job ran).
     */
    public Optional<Long> memoryUsageMb() {
        Optional<Long> mb = code == HELD ? firstBody(LAST_MEASURED).map(Long::parseLong) : UsageTable.of(body).memory(UsageTable.USAGE);
        return mb.filter(v -> v > 0);
    }

    /** The memory the job requested, in MB, from a terminate event's resource table. */
    public Optional<Long> memoryRequestMb() {
        return UsageTable.of(body).memory(UsageTable.REQUEST);
    }

    /** The execute node an execute event (001) names: its alias where the address has one, else its address. */
    public Optional<String> executeHost() {
        if (code != EXECUTE) return Optional.empty();
        Matcher m = HOST.matcher(text);
        if (!m.find()) return Optional.empty();
        Matcher alias = ALIAS.matcher(m.group());
        return Optional.of(alias.find() ? alias.group(1) : m.group(1));
    }

    private static double dhms(Matcher m, int group) {
        return ((Long.parseLong(m.group(group)) * 24 + Long.parseLong(m.group(group + 1))) * 60
                + Long.parseLong(m.group(group + 2))) * 60 + Long.parseLong(m.group(group + 3));
    }

    /** HoldReasonCode (event 012). */
    public Optional<Integer> holdCode() {
        return holdCodes(1);
    }

    /** HoldReasonSubCode (event 012). */
    public Optional<Integer> holdSubcode() {
        return holdCodes(2);
    }

    /** The DAG node a submit (or POST script) event names. */
    public Optional<String> dagNode() {
        return firstBody(DAG_NODE).or(() -> firstBody(DAG_NODE_ATTRIBUTE).map(n -> n.replaceAll("\\\\(.)", "$1")));
    }

    private Optional<Integer> holdCodes(int group) {
        if (code != HELD) return Optional.empty();
        for (String line : body) {
            Matcher m = HOLD_CODE.matcher(line);
            if (m.matches()) return Optional.of(Integer.parseInt(m.group(group)));
        }
        return Optional.empty();
    }

    private Optional<String> firstBody(Pattern pattern) {
        for (String line : body) {
            Matcher m = pattern.matcher(line);
            if (m.find()) return Optional.of(m.group(1));
        }
        return Optional.empty();
    }
}
