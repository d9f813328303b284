package flow.cli;

import flow.exec.TaskLog;
import flow.model.FailureClass;
import flow.run.Ledger;
import flow.run.LedgerRecord;
import flow.run.RunDir;
import flow.run.RunRecord;
import flow.run.TaskKey;
import flow.run.TaskResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "log", mixinStandardHelpOptions = true,
        description = {"Show what happened: the run's ledger; a stage's tasks; or one task's command, result and logs."})
final class LogCommand implements Callable<Integer> {
    @Parameters(arity = "0..3", paramLabel = "[RUN] [STAGE [INDEX]]",
            description = "run name or directory (default: the latest run, when the first word is not a run), stage, task index")
    List<String> words = new java.util.ArrayList<>();

    private String stage;
    private Integer index;

    @Override
    public Integer call() throws IOException {
        Workspace ws = new Workspace();
        List<String> rest = new java.util.ArrayList<>(words);
        RunDir run = rest.isEmpty() || !isRun(ws, rest.get(0)) ? ws.runs().latest() : ws.runs().find(rest.remove(0));
        if (rest.size() > 2) throw new IllegalArgumentException("'" + words.get(0) + "' is not a run: 'flow runs' lists them");
        stage = rest.isEmpty() ? null : rest.get(0);
        index = rest.size() < 2 ? null : parseIndex(rest.get(1));
        if (stage == null) {
            for (LedgerRecord record : Ledger.read(run.ledger())) {
                Map<String, Object> fields = new java.util.LinkedHashMap<>(record.fields());
                Object time = fields.remove("time");
                Object event = fields.remove("event");
                System.out.println(time + "  " + event + "  " + fields);
            }
            return 0;
        }
        RunRecord record = RunRecord.read(run.runJson());
        record.stage(stage); // names the stages if there is no such one
        int tasks = record.taskCounts().get(stage);
        if (index == null) {
            java.util.Set<Integer> removed = record.removed(stage);
            Map<TaskKey, String> ends = flow.exec.StatusReport.lastEnds(Ledger.read(run.ledger()));
            var logsOf = ws.launcher().taskLogs(run);
            for (int i = 0; i < tasks; i++) {
                ResultFile result = result(run, i);
                String state = state(result, ends.get(new TaskKey(stage, i)));
                List<TaskLog> logs = logsOf.apply(new TaskKey(stage, i));
                Path stderr = logs.isEmpty() ? null : logs.get(logs.size() - 1).stderr();
                System.out.println(stage + "[" + i + "]  " + (removed.contains(i) ? "removed (" + state + ")" : state) + "  "
                        + duration(result).map(d -> d + "  ").orElse("") + (stderr == null ? "(no log yet)" : stderr));
            }
            return 0;
        }
        if (index < 0 || index >= tasks) throw new IllegalArgumentException("stage " + stage + " has tasks 0 to " + (tasks - 1));
        String ended = flow.exec.StatusReport.lastEnds(Ledger.read(run.ledger())).get(new TaskKey(stage, index));
        ResultFile result = result(run, index);
        System.out.println("== " + stage + "[" + index + "]: " + (record.removed(stage).contains(index) ? "removed, " : "") + state(result, ended));
        times(result).ifPresent(System.out::println);
        boolean over = Files.exists(run.resultJson(stage, index)) || ended != null;
        show("command", run.taskDir(stage, index).resolve("command.txt"), over);
        for (TaskLog log : ws.launcher().taskLogs(run).apply(new TaskKey(stage, index))) {
            String attempt = log.attempt() == 0 ? "" : ", attempt " + log.attempt();
            show("stdout" + attempt, log.stdout(), over);
            show("stderr" + attempt, log.stderr(), over);
        }
        return 0;
    }

    private static boolean isRun(Workspace ws, String word) {
        try {
            ws.runs().find(word);
            return true;
        } catch (IllegalArgumentException notARun) {
            return false;
        }
    }

    private static int parseIndex(String word) {
        try {
            return Integer.parseInt(word);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("INDEX must be a task index (a number), not '" + word + "'");
        }
    }

    /** A task's result.json as read once: its result if it has one (none when it is unreadable, which says so). */
    private record ResultFile(Optional<TaskResult> result, boolean unreadable) {}

    private ResultFile result(RunDir run, int i) {
        try {
            return new ResultFile(TaskResult.read(run.resultJson(stage, i)), false);
        } catch (IllegalArgumentException corrupt) {
            return new ResultFile(Optional.empty(), true);
        }
    }

    /** How long the task's last attempt ran ("12.3 s"), from its result, if it has one. */
    private static Optional<String> duration(ResultFile file) {
        try {
            return file.result().map(r -> String.format(java.util.Locale.ROOT, "%.1f s",
                    java.time.Duration.between(java.time.Instant.parse(r.started()), java.time.Instant.parse(r.finished())).toMillis() / 1000.0));
        } catch (java.time.format.DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    /** "attempt 2 on host, 2026-… to 2026-…", from the task's result, if it has one. */
    private static Optional<String> times(ResultFile file) {
        return file.result().map(r -> "attempt " + r.attempt() + " on " + r.host() + ", " + r.started() + " to " + r.finished());
    }

    /** @param ended how the head last settled the task (a failure label), for a task that left no result */
    private static String state(ResultFile file, String ended) {
        if (file.unreadable()) return "result.json unreadable";
        if (file.result().isPresent()) {
            TaskResult r = file.result().get();
            return r.succeeded() ? "done" : FailureClass.state(r.failureLabel()) + (r.message() != null ? " (" + r.message() + ")" : "");
        }
        return ended != null ? FailureClass.state(ended) + " (no result: the scheduler ended it)" : "pending";
    }

    /** A file's text under its title; says so when it is not there: not yet written, or gone although the task ended. */
    private static void show(String title, Path file, boolean ended) throws IOException {
        if (file == null) {
            System.out.println("== " + title + ": no log yet (the scheduler has not started the job)");
        } else if (!Files.exists(file)) {
            System.out.println("== " + title + " (" + file + "): " + (ended ? "log gone" : "no log yet"));
        } else {
            System.out.println("== " + title + " (" + file + ")");
            System.out.print(Files.readString(file));
        }
    }
}
