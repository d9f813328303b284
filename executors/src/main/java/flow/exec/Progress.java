package flow.exec;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Shows stage progress. On a terminal: one redrawn line per stage — its state, a bar, its counts,
 * how long it has run and an estimate of what is left — cut to the terminal's width (a wrapped
 * line would break the redraw), at most ten times a second; a failed stage in red. Messages (a
 * failed task, a cleanup, a retry round) go above the block, which is drawn again below them.
 * Otherwise: a plain line whenever a stage's counts change, at most every few seconds per stage
 * (and always when it completes or a task fails).
 */
public final class Progress {
    private static final int BAR = 10;
    /** Stage names longer than this are cut in the block, so that counts and times stay in view. */
    private static final int NAME = 20;
    private static final String RED = "\033[31m", PLAIN = "\033[0m";
    private final PrintStream out;
    private final boolean terminal;
    private final IntSupplier width;
    private final LongSupplier clock;
    private final Map<String, String> lastShown = new HashMap<>();
    private final Map<String, Long> lastTime = new HashMap<>();
    /** When each stage first had a task running or ended, for its elapsed time and estimate. */
    private final Map<String, Long> stageStart = new HashMap<>();
    private List<StageCounts> lastStages = List.of();
    private int linesDrawn;
    private long lastDraw;

    public Progress(PrintStream out, boolean terminal, IntSupplier width, LongSupplier clock) {
        this.out = out;
        this.terminal = terminal;
        this.width = width;
        this.clock = clock;
    }

    /** Plain lines, for a log or a test. */
    public Progress(PrintStream out, boolean terminal) {
        this(out, terminal, () -> 80, System::currentTimeMillis);
    }

    public static Progress forConsole() {
        boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        return new Progress(System.out, terminal, terminal ? new TerminalWidth() : () -> 80, System::currentTimeMillis);
    }

    public synchronized void update(List<StageCounts> stages, boolean force) {
        long now = clock.getAsLong();
        for (StageCounts c : stages) {
            if (c.running + c.done + c.failed > 0) stageStart.putIfAbsent(c.stage, now);
        }
        if (terminal) {
            if (!force && now - lastDraw < 100) return;
            lastDraw = now;
            lastStages = List.copyOf(stages);
            draw(now);
            return;
        }
        for (StageCounts c : stages) {
            String line = c.summary();
            boolean changed = !line.equals(lastShown.get(c.stage));
            boolean settled = c.running == 0 && (c.pending() == 0 || c.failed > 0);
            boolean due = now - lastTime.getOrDefault(c.stage, 0L) >= 5000;
            if (changed && (force || settled || due) && c.pending() < c.total) {
                out.println("[" + c.stage + "] " + line + timing(c, now));
                lastShown.put(c.stage, line);
                lastTime.put(c.stage, now);
            }
        }
    }

    /** A message between progress lines (a failure, a cleanup): above the block, which is drawn again under it. */
    public synchronized void message(String text) {
        if (terminal && linesDrawn > 0) {
            out.print("\033[" + linesDrawn + "F\033[J");
            linesDrawn = 0;
        }
        out.println(text);
        if (terminal && !lastStages.isEmpty()) draw(clock.getAsLong());
    }

    private void draw(long now) {
        if (linesDrawn > 0) out.print("\033[" + linesDrawn + "F");
        int columns = Math.max(20, width.getAsInt());
        for (StageCounts c : lastStages) {
            String line = fit(line(c, now), columns - 1);
            out.print("\033[2K" + (c.failed > 0 ? RED + line + PLAIN : line) + "\n");
        }
        linesDrawn = lastStages.size();
        out.flush();
    }

    /** {@code FAILED  reco  [####......] 40/100 done, ... · 2m10s, about 3m15s left}. */
    private String line(StageCounts c, long now) {
        String state = c.state();
        int filled = c.total == 0 ? BAR : (int) ((long) BAR * c.done / c.total);
        return String.format("%-7s %-" + NAME + "s [%s%s] %s%s", state, fit(c.stage, NAME), "#".repeat(filled), ".".repeat(BAR - filled), c.summary(), timing(c, now));
    }

    /** " · 2m10s, about 3m15s left": elapsed since the stage started; the rest at the pace of its done tasks. */
    private String timing(StageCounts c, long now) {
        Long start = stageStart.get(c.stage);
        if (start == null) return "";
        long elapsed = now - start;
        int left = c.pending() + c.running;
        String eta = c.done > 0 && left > 0 ? ", about " + duration(elapsed * left / c.done) + " left" : "";
        return " · " + duration(elapsed) + eta;
    }

    static String duration(long millis) {
        long s = millis / 1000;
        if (s < 60) return s + "s";
        if (s < 3600) return s / 60 + "m" + String.format("%02d", s % 60) + "s";
        return s / 3600 + "h" + String.format("%02d", s / 60 % 60) + "m";
    }

    /** The line cut to {@code columns} characters, its end marked. */
    private static String fit(String line, int columns) {
        return line.length() <= columns ? line : line.substring(0, columns - 1) + "…";
    }
}
