package flow.exec;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shows stage progress. On a terminal: one redrawn line per stage with a bar, at most ten times
 * a second. Otherwise: a plain line whenever a stage's counts change, at most every few seconds
 * per stage (and always when it completes or a task fails).
 */
public final class Progress {
    private static final int BAR = 24;
    private final PrintStream out;
    private final boolean terminal;
    private final Map<String, String> lastShown = new HashMap<>();
    private final Map<String, Long> lastTime = new HashMap<>();
    private int linesDrawn;
    private long lastDraw;

    public Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public static Progress forConsole() {
        return new Progress(System.out, System.console() != null && !"dumb".equals(System.getenv("TERM")));
    }

    public synchronized void update(List<StageCounts> stages, boolean force) {
        long now = System.currentTimeMillis();
        if (terminal) {
            if (!force && now - lastDraw < 100) return;
            lastDraw = now;
            if (linesDrawn > 0) out.print("\033[" + linesDrawn + "F");
            for (StageCounts c : stages) out.print("\033[2K" + bar(c) + "\n");
            linesDrawn = stages.size();
            out.flush();
            return;
        }
        for (StageCounts c : stages) {
            String line = c.summary();
            boolean changed = !line.equals(lastShown.get(c.stage));
            boolean settled = c.running == 0 && (c.complete() || c.failed > 0 || c.blocked > 0);
            boolean due = now - lastTime.getOrDefault(c.stage, 0L) >= 5000;
            if (changed && (force || settled || due) && (c.done + c.running + c.failed + c.blocked > 0)) {
                out.println("[" + c.stage + "] " + line);
                lastShown.put(c.stage, line);
                lastTime.put(c.stage, now);
            }
        }
    }

    /** A message between progress lines (a failure, a cleanup). */
    public synchronized void message(String text) {
        if (terminal && linesDrawn > 0) {
            out.print("\033[" + linesDrawn + "F\033[J");
            linesDrawn = 0;
        }
        out.println(text);
    }

    private static String bar(StageCounts c) {
        int filled = c.total == 0 ? BAR : (int) ((long) BAR * c.done / c.total);
        return String.format("%-16s [%s%s] %s", c.stage, "#".repeat(filled), ".".repeat(BAR - filled), c.summary());
    }
}
