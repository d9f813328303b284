package flow.exec;

import java.nio.file.Path;

/**
 * How a dry run shows what a submission would do.
 *
 * @param dir where to write the submission's files in full (under their paths in the run
 *            directory) and its commands ({@code commands.sh}); null: print them
 * @param all print every task and every line, not the first of each
 */
public record DryRun(Path dir, boolean all) {}
