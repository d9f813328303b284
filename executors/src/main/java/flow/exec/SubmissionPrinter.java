package flow.exec;

import flow.exec.grid.SchedulerFiles;
import flow.run.RunDir;
import flow.util.Shell;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Shows a {@link SubmissionPreview}: each file under {@code == path} (relative to the run
 * directory), each command as a shell line, in the order the submission does them; or writes
 * them under the dry run's directory.
 */
public final class SubmissionPrinter {
    /** Lines of a file shown before the rest is counted (a stage's items file has one per task). */
    static final int SHOWN_LINES = 40;

    private final PrintStream out;
    private final DryRun dryRun;

    public SubmissionPrinter(PrintStream out, DryRun dryRun) {
        this.out = out;
        this.dryRun = dryRun;
    }

    public void show(SubmissionPreview preview, RunDir run) {
        if (preview.actions().isEmpty()) return;
        if (dryRun.dir() != null) {
            write(preview, run);
            return;
        }
        out.println();
        out.println("the submission would write and run:");
        for (SubmissionPreview.Action action : preview.actions()) {
            if (action instanceof SubmissionPreview.WrittenFile file) {
                out.print("== " + run.root().relativize(file.path()) + (file.executable() ? " (executable)" : "") + "\n" + shown(file.text()));
            } else if (action instanceof SubmissionPreview.IssuedCommand command) {
                out.println("$ " + commandLine(command));
            }
        }
    }

    private String shown(String text) {
        if (dryRun.all()) return text;
        List<String> lines = text.lines().toList();
        if (lines.size() <= SHOWN_LINES) return text;
        return String.join("\n", lines.subList(0, SHOWN_LINES / 2)) + "\n... " + (lines.size() - SHOWN_LINES / 2) + " more lines (--all shows them)\n";
    }

    private static String commandLine(SubmissionPreview.IssuedCommand command) {
        String line = Shell.quoteAll(command.argv());
        return command.directory() == null ? line : "cd " + Shell.quote(command.directory().toString()) + " && " + line;
    }

    /** The files under their paths in the run directory, the commands in {@code commands.sh}. */
    private void write(SubmissionPreview preview, RunDir run) {
        StringBuilder commands = new StringBuilder("# flow: the commands the submission would run, in order; job ids stand as <job:stage>\n");
        SchedulerFiles files = new SchedulerFiles();
        for (SubmissionPreview.Action action : preview.actions()) {
            if (action instanceof SubmissionPreview.WrittenFile file) {
                Path target = dryRun.dir().resolve(run.root().relativize(file.path()).toString());
                files.write(target, file.text());
                if (file.executable()) files.makeExecutable(target);
            } else if (action instanceof SubmissionPreview.IssuedCommand command) {
                commands.append(commandLine(command)).append('\n');
            }
        }
        files.write(dryRun.dir().resolve("commands.sh"), commands.toString());
        out.println();
        out.println("the submission's files and commands (commands.sh) are in " + dryRun.dir());
    }
}
