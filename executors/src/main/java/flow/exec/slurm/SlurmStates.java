package flow.exec.slurm;

import flow.exec.grid.TaskState;
import flow.model.FailureClass;
import flow.util.IndexRanges;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the batched squeue query and maps SLURM states to failure classes. The line format is
 * {@code JobArrayID|JobID|ArrayJobID|ArrayTaskID|State|Reason|exit_code}; array tasks not yet
 * started come as one range line ({@code 6_[2-9%3]|6|6|2-9%3|PENDING|...}), expanded here.
 */
public final class SlurmStates {
    public static final String FORMAT = "JobArrayID:0|,JobID:0|,ArrayJobID:0|,ArrayTaskID:0|,State:0|,Reason:0|,exit_code:0";

    private static final Set<String> ACTIVE = Set.of("PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED",
            "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESIZING", "SIGNALING", "STAGE_OUT", "STOPPED", "RESV_DEL_HOLD");

    private SlurmStates() {}

    public static List<TaskState> parse(String squeueOutput) {
        List<TaskState> states = new ArrayList<>();
        for (String line : squeueOutput.split("\n")) {
            String[] f = line.strip().split("\\|", -1);
            if (f.length < 7 || f[2].isBlank()) continue;
            String arrayTask = f[3].strip();
            if (arrayTask.equals("N/A")) arrayTask = "0"; // a plain job (e.g. a cleanup) is task 0 of itself
            String jobId = f[2].strip().equals("0") ? f[1].strip() : f[2].strip();
            for (int index : IndexRanges.parse(arrayTask)) {
                states.add(state(jobId, index, f[4].strip(), f[5].strip(), parseExit(f[6].strip())));
            }
        }
        return states;
    }

    /**
     * Reads {@code sacct -n -P -X --format=JobID,State,ExitCode}: lines like {@code 17_2|FAILED|1:0}
     * or {@code 17_[3-5]|CANCELLED by 0|0:0}; the exit code is {@code exit:signal}.
     */
    public static List<TaskState> parseAccounting(String sacctOutput) {
        List<TaskState> states = new ArrayList<>();
        for (String line : sacctOutput.split("\n")) {
            String[] f = line.strip().split("\\|", -1);
            if (f.length < 3 || f[0].isBlank()) continue;
            int underscore = f[0].indexOf('_');
            String jobId = underscore < 0 ? f[0] : f[0].substring(0, underscore);
            String tasks = underscore < 0 ? "0" : f[0].substring(underscore + 1);
            String state = f[1].split(" ")[0];
            String[] exit = f[2].split(":");
            int raw = exit.length == 2 ? (Integer.parseInt(exit[0]) << 8) | Integer.parseInt(exit[1]) : 0;
            for (int index : IndexRanges.parse(tasks)) states.add(state(jobId, index, state, "", raw));
        }
        return states;
    }

    static TaskState state(String jobId, int index, String state, String reason, int rawExit) {
        String detail = state + (reason.isEmpty() || reason.equals("None") ? "" : " (" + reason + ")");
        boolean neverSatisfied = reason.equals("DependencyNeverSatisfied");
        if (ACTIVE.contains(state) && !neverSatisfied) return new TaskState(jobId, index, true, null, 0, detail);
        int exit = rawExit >> 8 != 0 ? rawExit >> 8 : rawExit & 0x7f;
        return new TaskState(jobId, index, false, classify(state, neverSatisfied), exit, detail);
    }

    /** Null for COMPLETED: whether the task is DONE is for its result.json to say. */
    static FailureClass classify(String state, boolean neverSatisfied) {
        if (neverSatisfied) return FailureClass.DEPENDENCY_NEVER_SATISFIED;
        return switch (state) {
            case "COMPLETED" -> null;
            case "OUT_OF_MEMORY" -> FailureClass.OUT_OF_MEMORY;
            case "TIMEOUT", "DEADLINE" -> FailureClass.TIME_LIMIT;
            case "NODE_FAIL", "BOOT_FAIL" -> FailureClass.NODE_FAILURE;
            case "PREEMPTED" -> FailureClass.PREEMPTED;
            case "CANCELLED" -> FailureClass.CANCELLED;
            default -> FailureClass.STEP_ERROR;
        };
    }

    private static int parseExit(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
