package flow.cli;

import flow.exec.DryRun;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.Stack;

/** {@code --dry-run[=DIR]} and {@code --all}: what run, resume and submit show instead of running. */
final class DryRunOptions {
    @Option(names = "--dry-run", arity = "0..1", paramLabel = "DIR", preprocessor = AttachedOnly.class,
            description = "show the plan and exactly what the submission would write and run; write nothing (=DIR: write those files under DIR instead of printing them)")
    String dryRun;

    @Option(names = "--all", description = "with --dry-run: every task and every line, not the first of each")
    boolean all;

    /** The dry run asked for, or null. */
    DryRun resolve() {
        if (dryRun == null) {
            if (all) throw new IllegalArgumentException("--all only goes with --dry-run");
            return null;
        }
        return new DryRun(dryRun.isEmpty() ? null : Path.of(dryRun).toAbsolutePath().normalize(), all);
    }

    boolean requested() {
        return dryRun != null;
    }

    /**
     * The directory must be attached ({@code --dry-run=DIR}): {@code --dry-run pipeline.flow}
     * keeps the .flow file as the command's argument.
     */
    static final class AttachedOnly implements CommandLine.IParameterPreprocessor {
        @Override
        public boolean preprocess(Stack<String> args, CommandLine.Model.CommandSpec spec, CommandLine.Model.ArgSpec option, Map<String, Object> info) {
            // picocli says " " when nothing is attached: the option then takes "" (print), the next word stays an argument
            if (" ".equals(info.get("separator"))) args.push("");
            return false;
        }
    }
}
