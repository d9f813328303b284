package flow.step;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Ends a local head's commands when the head dies, even by {@code kill -9}. While a head runs
 * tasks, each command starts in a session of its own ({@code setsid}), and one watchdog process,
 * in a session of its own too, learns each command's process group through a pipe from the
 * head. When the head is gone the kernel closes the pipe; the watchdog then ends every group
 * still running (SIGTERM, SIGKILL 5 s later), so a resume never finds the old commands still
 * writing beside its new ones.
 */
public final class HeadWatchdog implements AutoCloseable {
    private static final String SCRIPT = """
            declare -A groups
            while IFS= read -r line; do
              case $line in
                +*) groups[${line:1}]=1 ;;
                -*) unset "groups[${line:1}]" ;;
              esac
            done
            [ ${#groups[@]} -eq 0 ] && exit 0
            for g in "${!groups[@]}"; do kill -TERM -- "-$g" 2>/dev/null; done
            sleep 5
            for g in "${!groups[@]}"; do kill -KILL -- "-$g" 2>/dev/null; done
            """;

    private static volatile HeadWatchdog current;

    private final Process watchdog;
    private final OutputStream toWatchdog;

    private HeadWatchdog(Process watchdog) {
        this.watchdog = watchdog;
        this.toWatchdog = watchdog.getOutputStream();
    }

    /** Starts the watchdog of this head: from now on, commands start in sessions of their own. */
    public static HeadWatchdog start() {
        try {
            Process p = new ProcessBuilder("setsid", "/bin/bash", "-c", SCRIPT)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            current = new HeadWatchdog(p);
            return current;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the head's watchdog (setsid, bash): " + e.getMessage(), e);
        }
    }

    /** The command line to start under this head's watch. */
    static List<String> watched(List<String> argv) {
        if (current == null) return argv;
        List<String> command = new java.util.ArrayList<>(argv.size() + 1);
        command.add("setsid");
        command.addAll(argv);
        return command;
    }

    /** A command started: its process group (setsid made it its own leader) is watched. */
    static void started(Process process) {
        HeadWatchdog w = current;
        if (w != null) w.tell("+" + process.pid());
    }

    static void ended(Process process) {
        HeadWatchdog w = current;
        if (w != null) w.tell("-" + process.pid());
    }

    private synchronized void tell(String line) {
        try {
            toWatchdog.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            toWatchdog.flush();
        } catch (IOException gone) {
            // the watchdog died: the commands still end with the head's own cancel
        }
    }

    /** The head ends normally: its commands have ended, the watchdog exits. */
    @Override
    public void close() {
        current = null;
        try {
            toWatchdog.close();
        } catch (IOException ignored) {
            // the watchdog exits on end of input, or is gone already
        }
        watchdog.onExit().join();
    }
}
