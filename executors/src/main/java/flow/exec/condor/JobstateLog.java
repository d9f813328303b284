package flow.exec.condor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

    private final Path file;
    private long offset;
    private final Map<String, NodeState> nodes = new HashMap<>();
    private final Map<Integer, String> nodeOfCluster = new HashMap<>();
    private Integer dagmanExit;

    JobstateLog(Path file) {
        this.file = file;
    }

    /** Reads what was appended since the last call (complete lines only). */
    JobstateLog poll() {
        if (!Files.exists(file)) return this;
        String text;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= offset) return this;
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE, size - offset));
            channel.read(buffer, offset);
            text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        int end = text.lastIndexOf('\n') + 1;
        for (String line : text.substring(0, end).split("\n")) apply(line.strip().split("\\s+"));
        offset += text.substring(0, end).getBytes(StandardCharsets.UTF_8).length;
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
