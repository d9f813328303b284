package flow.plan;

import java.util.ArrayList;
import java.util.List;

/** A contiguous range of an upstream stage's task indices that one task consumes: [from, to). */
public record UpstreamRef(String stage, int from, int to) {
    public int count() {
        return to - from;
    }

    /** {@code prepare[0..2]} style label for reports. */
    public String label() {
        return count() == 1 ? stage + "[" + from + "]" : stage + "[" + from + ".." + (to - 1) + "]";
    }

    /** A stage's tasks, in index order, as the fewest ranges (removed tasks leave gaps). */
    static List<UpstreamRef> ranges(String stage, List<PlannedTask> tasks) {
        List<UpstreamRef> ranges = new ArrayList<>();
        int from = -1, to = -1;
        for (PlannedTask t : tasks) {
            if (t.index() == to) {
                to++;
                continue;
            }
            if (from >= 0) ranges.add(new UpstreamRef(stage, from, to));
            from = t.index();
            to = from + 1;
        }
        if (from >= 0) ranges.add(new UpstreamRef(stage, from, to));
        return ranges;
    }

    /** Upstream tasks named {@code stage[index]}, in order, as the fewest ranges (removed tasks leave gaps). */
    static List<UpstreamRef> ranges(List<String> tasks) {
        List<UpstreamRef> ranges = new ArrayList<>();
        String stage = null;
        int from = 0, to = 0;
        for (String task : tasks) {
            int bracket = task.lastIndexOf('[');
            String s = task.substring(0, bracket);
            int index = Integer.parseInt(task.substring(bracket + 1, task.length() - 1));
            if (s.equals(stage) && index == to) {
                to++;
                continue;
            }
            if (stage != null) ranges.add(new UpstreamRef(stage, from, to));
            stage = s;
            from = index;
            to = index + 1;
        }
        if (stage != null) ranges.add(new UpstreamRef(stage, from, to));
        return ranges;
    }
}
