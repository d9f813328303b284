package flow.exec.condor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DAGMan DAG as flow writes it and reads it back: nodes with their submit files, PARENT/CHILD
 * edges, RETRY counts, PRE scripts (plain {@code SCRIPT PRE node exe args}), the monitoring files and the CONFIG file. The reader takes the DAG grammar of FORMATS.md
 * §3.1 as DAGMan does: keywords in any case and order, {@code #} comments, backslash
 * continuations, inline {@code JOB x { ... }} descriptions, and commands it does not model kept
 * as they are.
 */
public final class DagFile {
    public record Node(String name, String submitFile, boolean done) {}

    public final Map<String, Node> nodes = new LinkedHashMap<>();
    /** child → parents */
    public final Map<String, List<String>> parents = new LinkedHashMap<>();
    public final Map<String, Integer> retries = new LinkedHashMap<>();
    /** node → its PRE script and arguments */
    public final Map<String, String> preScripts = new LinkedHashMap<>();
    public final Map<String, Map<String, String>> vars = new LinkedHashMap<>();
    public final List<String> otherCommands = new ArrayList<>();
    public String nodeStatusFile;
    public String jobstateLog;
    /** DAGMan's configuration for this DAG ({@code CONFIG file}). */
    public String config;

    public void node(String name, String submitFile) {
        nodes.put(name, new Node(name, submitFile, false));
    }

    public void edge(String parent, String child) {
        parents.computeIfAbsent(child, c -> new ArrayList<>()).add(parent);
    }

    public String render() {
        StringBuilder out = new StringBuilder("# flow DAG\n");
        nodes.values().forEach(n -> out.append("JOB ").append(n.name()).append(' ').append(n.submitFile())
                .append(n.done() ? " DONE" : "").append('\n'));
        retries.forEach((node, n) -> out.append("RETRY ").append(node).append(' ').append(n).append('\n'));
        preScripts.forEach((node, script) -> out.append("SCRIPT PRE ").append(node).append(' ').append(script).append('\n'));
        parents.forEach((child, ps) -> out.append("PARENT ").append(String.join(" ", ps)).append(" CHILD ").append(child).append('\n'));
        if (nodeStatusFile != null) out.append("NODE_STATUS_FILE ").append(nodeStatusFile).append(" 30\n");
        if (jobstateLog != null) out.append("JOBSTATE_LOG ").append(jobstateLog).append('\n');
        if (config != null) out.append("CONFIG ").append(config).append('\n');
        return out.toString();
    }

    public static DagFile parse(String text) {
        DagFile dag = new DagFile();
        List<String> lines = logicalLines(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] w = line.split("\\s+");
            switch (w[0].toUpperCase()) {
                case "JOB" -> {
                    if (w.length >= 3 && w[2].equals("{")) {
                        while (i + 1 < lines.size() && !lines.get(i + 1).strip().equals("}")) i++;
                        i++;
                        dag.nodes.put(w[1], new Node(w[1], "{inline}", false));
                    } else {
                        boolean done = java.util.Arrays.stream(w).skip(3).anyMatch(t -> t.equalsIgnoreCase("DONE"));
                        dag.nodes.put(w[1], new Node(w[1], w[2], done));
                    }
                }
                case "FINAL" -> dag.nodes.put(w[1], new Node(w[1], w[2], false));
                case "SUBDAG" -> dag.nodes.put(w[2], new Node(w[2], w[3], false)); // SUBDAG EXTERNAL name file
                case "PARENT" -> {
                    int child = indexOfIgnoreCase(w, "CHILD");
                    for (int c = child + 1; c < w.length; c++) {
                        for (int p = 1; p < child; p++) dag.edge(w[p], w[c]);
                    }
                }
                case "RETRY" -> dag.retries.put(w[1], Integer.parseInt(w[2]));
                case "SCRIPT" -> {
                    if (w.length >= 4 && w[1].equalsIgnoreCase("PRE")) dag.preScripts.put(w[2], line.split("\\s+", 4)[3]);
                    else dag.otherCommands.add(line);
                }
                case "VARS" -> dag.vars.computeIfAbsent(w[1], n -> new LinkedHashMap<>()).putAll(vars(line));
                case "DONE" -> {
                    Node n = dag.nodes.get(w[1]);
                    if (n != null) dag.nodes.put(w[1], new Node(n.name(), n.submitFile(), true));
                }
                case "NODE_STATUS_FILE" -> dag.nodeStatusFile = w[1];
                case "JOBSTATE_LOG" -> dag.jobstateLog = w[1];
                case "CONFIG" -> dag.config = w[1];
                default -> dag.otherCommands.add(line);
            }
        }
        return dag;
    }

    /** Joins backslash continuations into one line each. */
    private static List<String> logicalLines(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : text.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                current.append(line);
                lines.add(current.toString());
                current.setLength(0);
            }
        }
        if (current.length() > 0) lines.add(current.toString());
        return lines;
    }

    /** {@code name="value"} pairs of a VARS line; inside the quotes {@code \"} and {@code \\} are escapes. */
    static Map<String, String> vars(String line) {
        Map<String, String> vars = new LinkedHashMap<>();
        var m = java.util.regex.Pattern.compile("([+A-Za-z0-9_.]+)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(line);
        while (m.find()) vars.put(m.group(1), m.group(2).replaceAll("\\\\(.)", "$1"));
        return vars;
    }

    private static int indexOfIgnoreCase(String[] words, String word) {
        for (int i = 0; i < words.length; i++) if (words[i].equalsIgnoreCase(word)) return i;
        throw new IllegalArgumentException("PARENT without CHILD: " + String.join(" ", words));
    }
}
