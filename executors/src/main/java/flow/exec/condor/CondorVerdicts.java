package flow.exec.condor;

import flow.model.FailureClass;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * What HTCondor's word on a proc means for its task: a hold, by HoldReasonCode and
 * HoldReasonSubCode (src/condor_utils/condor_holdcodes.h), and a removal, by the reason of its
 * event 009.
 */
final class CondorVerdicts {
    /** A transient hold is released this many times before the task fails with its class. */
    static final int MAX_RELEASES = 3;

    enum Action {
        /** condor_release: the cause may pass (a transfer, a node's filesystem). */
        RELEASE,
        /** leave it: someone held it on purpose and will release or remove it. */
        WAIT,
        /** condor_rm, and settle the task with the hold's class (retried by flow with more of what ran out). */
        REMOVE
    }

    record Hold(Action action, FailureClass failure, String what) {}

    /** 13 TransferInputError, 6 FailedToCreateProcess, 16 SpoolingInput, 7-10 opening the job's files: a retry may pass. */
    private static final Set<Integer> TRANSIENT_HOLDS = Set.of(6, 7, 8, 9, 10, 13, 16);
    /** A schedd's periodic removal that is about run time (CERN removes jobs past +MaxRuntime or their +JobFlavour). */
    private static final Pattern TIME_POLICY = Pattern.compile("(?i)(periodic|system macro).*(MaxRuntime|JobFlavour|WallClock|duration)");

    private CondorVerdicts() {}

    /**
     * @param releasedBefore how often flow already released this proc
     */
    static Hold hold(Integer code, Integer subcode, int releasedBefore) {
        int c = code == null ? 0 : code;
        if (c == 1 || c == 15) return new Hold(Action.WAIT, FailureClass.HELD, "held by the user: flow waits (condor_release or flow cancel)");
        if (c == 34) {
            // JobOutOfResources: subcode 104 is disk (src/condor_starter.V6.1/starter.cpp:4396), 102 or 0 memory (vanilla_proc.cpp:1005)
            return Integer.valueOf(104).equals(subcode)
                    ? new Hold(Action.REMOVE, FailureClass.HELD, "disk exceeded: raise the stage's disk")
                    : new Hold(Action.REMOVE, FailureClass.OUT_OF_MEMORY, "memory exceeded");
        }
        if (c == 46 || c == 47) return new Hold(Action.REMOVE, FailureClass.TIME_LIMIT, "run time exceeded");
        if (TRANSIENT_HOLDS.contains(c)) {
            FailureClass failure = c == 13 || c == 16 ? FailureClass.TRANSFER_FAILURE : FailureClass.NODE_FAILURE;
            return releasedBefore < MAX_RELEASES
                    ? new Hold(Action.RELEASE, failure, "released (" + (releasedBefore + 1) + " of " + MAX_RELEASES + ")")
                    : new Hold(Action.REMOVE, failure, "still held after " + MAX_RELEASES + " releases");
        }
        if (c == 12) return new Hold(Action.REMOVE, FailureClass.TRANSFER_FAILURE, "output transfer failed");
        return new Hold(Action.REMOVE, FailureClass.HELD, "held by policy");
    }

    record Removal(FailureClass failure, String what) {}

    /** A proc removed without flow asking (event 009), by its reason. */
    static Removal removal(String reason) {
        String text = reason == null ? "" : reason;
        // DAGMan removes the rest of a failed node's cluster: src/condor_dagman/dag.cpp:710-713, 795-798
        if (text.startsWith("Node Error: DAG node")) return new Removal(FailureClass.PREEMPTED, "removed by DAGMan after a sibling failed: " + text);
        if (text.contains("OtherJobRemoveRequirements")) return new Removal(FailureClass.CANCELLED, "removed with its DAG: " + text);
        if (TIME_POLICY.matcher(text).find()) return new Removal(FailureClass.TIME_LIMIT, "removed for its run time: " + text);
        return new Removal(FailureClass.CANCELLED, text.isEmpty() ? "removed" : "removed: " + text);
    }
}
