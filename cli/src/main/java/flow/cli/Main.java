package flow.cli;

import flow.dsl.FlowDslException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/** The {@code flow} command. Exit codes: 0 success, 1 a run or task failed, 2 bad input. */
@Command(name = "flow", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Batch-production workflows for particle-physics data.")
public final class Main implements Runnable {
    private static final List<Class<?>> COMMANDS = List.of(RunCommand.class, ResumeCommand.class, StatusCommand.class,
            RunsCommand.class, LogCommand.class, CancelCommand.class, CleanCommand.class, ValidateCommand.class,
            DagCommand.class, StepCommand.class, TaskCommand.class, StageInCommand.class, CleanupCommand.class,
            SubmitCommand.class, ImportCommand.class, ReportCommand.class, WatchCommand.class, DatasetsCommand.class, OutputsCommand.class);

    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    static {
        // picocli looks for groovy.lang.Closure on the class path; finding it initialises the whole
        // Groovy runtime (0.3 s). flow's commands are Java: Groovy is loaded only to read a .flow file.
        System.setProperty("picocli.disable.closures", "true");
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /**
     * The command line for {@code args}. picocli reflects on every command it is given, which
     * costs a tenth of a second per call (every batch task is one); a call runs one command, so
     * when the first argument names one only that one is added, otherwise (help, a typo) all.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new Main());
        List<Class<?>> named = COMMANDS.stream()
                .filter(c -> args.length > 0 && c.getAnnotation(Command.class).name().equals(args[0])).toList();
        (named.isEmpty() ? COMMANDS : named).forEach(cli::addSubcommand);
        CommandLine.IParameterExceptionHandler usageError = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((e, given) -> {
            boolean unknownCommand = named.isEmpty() && given.length > 0 && !given[0].startsWith("-");
            if (!unknownCommand) return usageError.handleParseException(e, given);
            List<String> names = COMMANDS.stream().map(c -> c.getAnnotation(Command.class).name()).toList();
            cli.getErr().println("flow: unknown command '" + given[0] + "'" + flow.util.Suggestions.didYouMean(given[0], names)
                    + "; the commands: " + String.join(", ", names));
            return BAD_INPUT;
        });
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
