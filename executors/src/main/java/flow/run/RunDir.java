package flow.run;

import java.nio.file.Path;

/** The paths of one run directory (see DESIGN.md for the layout). */
public record RunDir(Path root) {
    public static Path runsDir(Path launchDir) {
        return launchDir.resolve(".flow").resolve("runs");
    }

    public String name() { return root.getFileName().toString(); }
    public Path runJson() { return root.resolve("run.json"); }
    public Path ledger() { return root.resolve("ledger.jsonl"); }
    public Path lock() { return root.resolve("lock"); }
    public Path stageDir(String stage) { return root.resolve("stages").resolve(stage); }
    public Path tasksTsv(String stage) { return stageDir(stage).resolve("tasks.tsv"); }
    public Path scriptsDir(String stage) { return stageDir(stage).resolve("scripts"); }
    public Path logsDir(String stage) { return stageDir(stage).resolve("logs"); }
    /** The directory of a stage's task directories, each named by its index. */
    public Path tasksDir(String stage) { return stageDir(stage).resolve("tasks"); }
    public Path taskDir(String stage, int index) { return tasksDir(stage).resolve(Integer.toString(index)); }
    public Path outDir(String stage, int index) { return tasksDir(stage).resolve(outDirInTasks(index)); }
    public Path resultJson(String stage, int index) { return tasksDir(stage).resolve(resultJsonInTasks(index)); }
    /** A task's out/ and result.json, relative to its stage's tasks directory (the result index looks them up from there). */
    static String outDirInTasks(int index) { return index + "/out"; }
    static String resultJsonInTasks(int index) { return index + "/result.json"; }
    public Path stdoutLog(String stage, int index) { return logsDir(stage).resolve(stage + "_" + index + ".out"); }
    public Path stderrLog(String stage, int index) { return logsDir(stage).resolve(stage + "_" + index + ".err"); }
    /** A batched task's own output of one attempt (its batch job's log holds the whole batch's). */
    public Path stdoutLog(String stage, int index, int attempt) { return logsDir(stage).resolve(stage + "_" + index + ".a" + attempt + ".out"); }
    public Path stderrLog(String stage, int index, int attempt) { return logsDir(stage).resolve(stage + "_" + index + ".a" + attempt + ".err"); }

    /** Whether a task attempt started here and never finished (its temporary out dir is still there). */
    public boolean hasTemporaryOutput(String stage, int index) {
        Path dir = taskDir(stage, index);
        if (!java.nio.file.Files.isDirectory(dir)) return false;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("out.tmp-"));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
