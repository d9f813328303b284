package flow.exec.condor;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A DAG's {@code JOBSTATE_LOG}, read incrementally: DAGMan writes it in a format kept stable for
 * machine readers (src/condor_dagman/jobstate_log.h:28-42): {@code <time> <node> <event> <condor
 * id> <job tag> - <sequence>}, and {@code <time> INTERNAL *** DAGMAN_FINISHED <exit> ***}. It
 * names each node's clusters whatever form the job event log's submit note takes, and says what
 * the event logs cannot: that a node's submission or PRE script failed, and how DAGMan ended.
 */
final class JobstateLog {
    /** What the log says of one node, as of its latest submission round (sequence number). */
    static final class NodeState {
        Integer cluster;
        boolean submitFailed;
        boolean preScriptFailed;
        boolean jobFailed;

        boolean failed() {
            return submitFailed || preScriptFailed || jobFailed;
        }
    }

    private final AppendedText log;
    private final Map<String, NodeState> nodes = new HashMap<>();
    private final Map<Integer, String> nodeOfCluster = new HashMap<>();
    private Integer dagmanExit;

    JobstateLog(Path file) {
        this.log = new AppendedText(file);
    }

    /** Reads what was appended since the last call (complete lines only). */
    JobstateLog poll() {
        String text = log.unread();
        int end = text.lastIndexOf('\n') + 1;
        if (end == 0) return this;
        for (String line : text.substring(0, end).split("\n")) apply(line.strip().split("\\s+"));
        log.consume(text, end);
        return this;
    }

    private void apply(String[] w) {
        if (w.length >= 5 && w[1].equals("INTERNAL") && w[3].equals("DAGMAN_FINISHED") && w[4].matches("-?\\d+")) {
            dagmanExit = Integer.parseInt(w[4]);
            return;
        }
        if (w.length < 4 || w[1].equals("INTERNAL")) return;
        NodeState node = nodes.computeIfAbsent(w[1], n -> new NodeState());
        switch (w[2]) {
            case "SUBMIT" -> {
                int cluster = Integer.parseInt(w[3].substring(0, w[3].indexOf('.')));
                node.cluster = cluster;
                node.submitFailed = false;
                node.jobFailed = false;
                nodeOfCluster.put(cluster, w[1]);
            }
            case "SUBMIT_FAILURE" -> node.submitFailed = true;
            case "PRE_SCRIPT_STARTED" -> node.preScriptFailed = false;
            case "PRE_SCRIPT_FAILURE" -> node.preScriptFailed = true;
            case "JOB_FAILURE" -> node.jobFailed = true;
            case "JOB_SUCCESS" -> node.jobFailed = false;
            default -> { } // job events: the job event logs say more of each proc
        }
    }

    /** The node of each cluster DAGMan submitted. */
    Map<Integer, String> nodeOfCluster() {
        return nodeOfCluster;
    }

    NodeState node(String name) {
        return nodes.get(name);
    }

    /** DAGMan's exit code once it finished, else null. */
    Integer dagmanExit() {
        return dagmanExit;
    }
}
