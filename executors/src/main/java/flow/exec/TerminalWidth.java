package flow.exec;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The columns of the terminal flow writes to, as {@code stty size} reads them from
 * {@code /dev/tty} (Java cannot ask), asked again at most every two seconds so that a resized
 * window is followed; {@code $COLUMNS}, else 80, where there is no answer.
 */
final class TerminalWidth implements IntSupplier {
    private static final long ASK_EVERY_MS = 2000;
    private int columns;
    private long askedAt;

    @Override
    public synchronized int getAsInt() {
        long now = System.currentTimeMillis();
        if (now - askedAt >= ASK_EVERY_MS) {
            askedAt = now;
            columns = ask();
        }
        return columns;
    }

    private static int ask() {
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String[] answer = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().split("\\s+");
            if (stty.waitFor(2, TimeUnit.SECONDS) && stty.exitValue() == 0 && answer.length == 2 && Integer.parseInt(answer[1]) > 0) {
                return Integer.parseInt(answer[1]);
            }
        } catch (Exception noAnswer) {
            // no terminal to ask: fall back below
        }
        try {
            return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80"));
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
