package flow.exec.condor;

import flow.exec.grid.SchedulerFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What DAGMan wrote in {@code <dag>.dagman.out} (its debug log, {@code MM/DD/YY HH:MM:SS text})
 * about a node it could not submit or a run it gave up: the only place its reasons are written.
 */
final class DagmanOut {
    private final List<String> lines;

    DagmanOut(Path dag) {
        this.lines = SchedulerFiles.onDisk(Path.of(dag + ".dagman.out")).stream().map(DagmanOut::text).toList();
    }

    /** The errors of the node's last submission attempt: what condor_submit said of its submit file. */
    String submitErrors(String node) {
        int start = -1;
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith("Submitting node " + node + " ")) start = i;
        List<String> errors = new ArrayList<>();
        for (int i = start + 1; start >= 0 && i < lines.size() && !lines.get(i).startsWith("Submitting node "); i++) {
            if (lines.get(i).contains("ERROR") || lines.get(i).startsWith("Node submit failed")) errors.add(lines.get(i));
        }
        return errors.isEmpty() ? "(no message in the .dagman.out)" : String.join("; ", errors);
    }

    /** The line that says how the node's PRE script ended (dag.cpp:1692-1694). */
    String preScript(String node) {
        return lines.stream().filter(l -> l.startsWith("PRE Script of Node " + node + " ")).reduce((a, b) -> b).orElse("PRE script failed");
    }

    /** The warnings and errors DAGMan wrote, for a DAGMan that ended before submitting a node. */
    String problems() {
        List<String> found = lines.stream().filter(l -> l.startsWith("ERROR") || l.startsWith("Warning")).toList();
        return found.isEmpty() ? "(no message in the .dagman.out)" : String.join("; ", found);
    }

    /** A line without its {@code MM/DD/YY HH:MM:SS} prefix. */
    private static String text(String line) {
        return line.matches("^\\d\\d/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d .*") ? line.substring(18) : line;
    }
}
