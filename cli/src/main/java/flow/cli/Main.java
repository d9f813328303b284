package flow.cli;

import flow.dsl.FlowDslException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code flow} command. Exit codes: 0 success, 1 a run or task failed, 2 bad input. */
@Command(name = "flow", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Batch-production workflows for particle-physics data.",
        subcommands = {RunCommand.class, ResumeCommand.class, StatusCommand.class, RunsCommand.class, LogCommand.class,
                CancelCommand.class, CleanCommand.class, ValidateCommand.class, DagCommand.class, StepCommand.class,
                TaskCommand.class, StageInCommand.class, CleanupCommand.class, SubmitCommand.class, ImportCommand.class})
public final class Main implements Runnable {
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof FlowDslException dsl) {
                dsl.getErrors().forEach(cmd.getErr()::println);
                return BAD_INPUT;
            }
            cmd.getErr().println("flow: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return e instanceof IllegalArgumentException ? BAD_INPUT : FAILED;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"flow " + flow.run.RunRecord.FLOW_VERSION};
        }
    }
}
