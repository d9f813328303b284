package flow.exec;

import flow.model.NotifySpec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Delivers a notice: by e-mail through the machine's {@code sendmail -t} (the message names its
 * recipient), or to a command ({@code bash -c}) that reads the event as JSON on its standard
 * input. A notice that cannot be delivered is a warning, never a failure of the run.
 */
final class NoticeSender {
    /** Where sendmail lives when it is not on PATH (Debian's MTAs install it in both). */
    private static final List<String> SENDMAIL_PLACES = List.of("/usr/sbin/sendmail", "/usr/lib/sendmail");
    private static final long WAIT_SECONDS = 30;
    private final PrintStream warnings;

    NoticeSender(PrintStream warnings) {
        this.warnings = warnings;
    }

    void send(NotifySpec to, String subject, Map<String, Object> event) {
        String json = flow.util.Json.pretty(event) + "\n";
        try {
            if (to.command() != null) {
                deliver(List.of("bash", "-c", to.command()), json, "notify command");
            } else {
                String sendmail = sendmail();
                if (sendmail == null) {
                    warnings.println("flow: notify: no sendmail on this machine; not mailed to " + to.email() + ": " + subject);
                    return;
                }
                String mail = "To: " + to.email() + "\nSubject: " + subject + "\nContent-Type: application/json; charset=UTF-8\n\n" + json;
                deliver(List.of(sendmail, "-t"), mail, "sendmail");
            }
        } catch (IOException e) {
            warnings.println("flow: notify: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(List<String> command, String input, String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            warnings.println("flow: notify: " + what + " did not finish in " + WAIT_SECONDS + " s");
        } else if (p.exitValue() != 0) {
            warnings.println("flow: notify: " + what + " exited " + p.exitValue());
        }
    }

    /** sendmail on PATH, else where MTAs put it; null if there is none. */
    private static String sendmail() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "sendmail"))) return Path.of(dir, "sendmail").toString();
        }
        return SENDMAIL_PLACES.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
    }
}
