package flow.exec.grid;

import flow.exec.SubmissionPreview;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scheduler commands for a dry run: queries go to the scheduler as they would (they change
 * nothing), submissions are recorded and answered with placeholders, files are kept in memory
 * ({@link DryRunFiles}). The head's own code runs unchanged, so what it shows is what a
 * submission does, byte for byte.
 */
public final class DryRunCommands extends SchedulerCommands {
    /** A file written (by path) or a command, in the order the head did them. */
    private final List<Object> done = new ArrayList<>();
    private final DryRunFiles files = new DryRunFiles(done::add);

    @Override
    public SchedulerFiles files() {
        return files;
    }

    @Override
    public Output submit(List<String> argv, Path directory, String placeholderAnswer) {
        done.add(new SubmissionPreview.IssuedCommand(List.copyOf(argv), directory));
        return new Output(0, placeholderAnswer, "");
    }

    /** The random part of a submission's name is not known before it is submitted. */
    @Override
    public String uniqueName(String base) {
        return SubmissionNames.sanitized(base) + ".<unique>";
    }

    public SubmissionPreview preview() {
        List<SubmissionPreview.Action> actions = new ArrayList<>();
        for (Object action : done) {
            actions.add(action instanceof Path file ? new SubmissionPreview.WrittenFile(file, files.content(file), files.isExecutable(file))
                    : (SubmissionPreview.IssuedCommand) action);
        }
        return new SubmissionPreview(actions);
    }
}
