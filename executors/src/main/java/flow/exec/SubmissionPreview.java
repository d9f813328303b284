package flow.exec;

import java.nio.file.Path;
import java.util.List;

/**
 * What a submission would do, in order, as a dry run found by doing it with {@code DryRunCommands}:
 * each file it writes with its final text, and each command it runs (job ids the scheduler would
 * give stand as {@code <job:stage>}).
 */
public record SubmissionPreview(List<Action> actions) {
    public sealed interface Action permits WrittenFile, IssuedCommand {}

    public record WrittenFile(Path path, String text, boolean executable) implements Action {}

    /** @param directory where it runs; null: the head's own directory */
    public record IssuedCommand(List<String> argv, Path directory) implements Action {}

    public static SubmissionPreview none() {
        return new SubmissionPreview(List.of());
    }
}
