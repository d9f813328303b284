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
            for (int i = 0; i < tasks; i++) {
                String state = state(run, i, ends.get(new TaskKey(stage, i)));
                List<TaskLog> logs = ws.launcher().taskLogs(run, new TaskKey(stage, i));
                Path stderr = logs.isEmpty() ? null : logs.get(logs.size() - 1).stderr();
                System.out.println(stage + "[" + i + "]  " + (removed.contains(i) ? "removed (" + state + ")" : state) + "  "
                        + duration(run, i).map(d -> d + "  ").orElse("") + (stderr == null ? "(no log yet)" : stderr));
            }
            return 0;
        }
        if (index < 0 || index >= tasks) throw new IllegalArgumentException("stage " + stage + " has tasks 0 to " + (tasks - 1));
        String ended = flow.exec.StatusReport.lastEnds(Ledger.read(run.ledger())).get(new TaskKey(stage, index));
        System.out.println("== " + stage + "[" + index + "]: " + (record.removed(stage).contains(index) ? "removed, " : "") + state(run, index, ended));
        times(run, index).ifPresent(System.out::println);
        boolean over = Files.exists(run.resultJson(stage, index)) || ended != null;
        show("command", run.taskDir(stage, index).resolve("command.txt"), over);
        for (TaskLog log : ws.launcher().taskLogs(run, new TaskKey(stage, index))) {
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

    /** How long the task's last attempt ran ("12.3 s"), from its result, if it has one. */
    private Optional<String> duration(RunDir run, int i) {
        try {
            return TaskResult.read(run.resultJson(stage, i)).map(r -> String.format(java.util.Locale.ROOT, "%.1f s",
                    java.time.Duration.between(java.time.Instant.parse(r.started()), java.time.Instant.parse(r.finished())).toMillis() / 1000.0));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    /** "attempt 2 on host, 2026-… to 2026-…", from the task's result, if it has one. */
    private Optional<String> times(RunDir run, int i) {
        try {
            return TaskResult.read(run.resultJson(stage, i))
                    .map(r -> "attempt " + r.attempt() + " on " + r.host() + ", " + r.started() + " to " + r.finished());
        } catch (IllegalArgumentException corrupt) {
            return Optional.empty();
        }
    }

    /** @param ended how the head last settled the task (a failure label), for a task that left no result */
    private String state(RunDir run, int i, String ended) {
        Optional<TaskResult> result;
        try {
            result = TaskResult.read(run.resultJson(stage, i));
        } catch (IllegalArgumentException corrupt) {
            return "result.json unreadable";
        }
        if (result.isPresent()) {
            TaskResult r = result.get();
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
