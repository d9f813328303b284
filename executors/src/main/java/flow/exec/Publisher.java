package flow.exec;

import flow.model.PublishSpec;
import flow.plan.Plan;
import flow.plan.PlannedStage;
import flow.plan.PlannedTask;
import flow.plan.StageDefinition;
import flow.remote.Xrootd;
import flow.remote.XrootdUrl;
import flow.run.Ledger;
import flow.run.LedgerEvent;
import flow.run.Publications;
import flow.run.Publications.Publication;
import flow.run.RunDir;
import flow.run.ResultIndex;
import flow.run.RunLock;
import flow.run.TaskResult;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes the outputs of a run's DONE tasks to their stages' {@code publish} targets, after
 * the head drove the run ({@code flow run}, {@code flow resume}, a watch tick): an output whose
 * publication is recorded and still there (same size; on a server, same checksum) is left alone,
 * the rest is published now, so a resume completes an interrupted publication and never re-runs
 * a task for it. Every file goes to a temporary name beside its target first and is renamed
 * into place, so no target ever holds a partial file; each is recorded in the task's
 * {@link Publications} and in the ledger.
 */
public final class Publisher {
    private final RunDir run;
    private final java.util.function.Consumer<String> say;
    private final Ledger ledger;
    private final boolean head;
    /** "stage, index, file, target" of every publication the ledger records, read when first needed. */
    private java.util.Set<List<Object>> inLedger;

    /**
     * @param say    told what was published and what failed
     * @param ledger where publications are recorded: the head's, or {@link Ledger#discarding()} in a batch job
     * @param head   whether this is the run's head (the one writer of its result index; a batch job leaves it stale)
     */
    public Publisher(RunDir run, java.util.function.Consumer<String> say, Ledger ledger, boolean head) {
        this.run = run;
        this.say = say;
        this.ledger = ledger;
        this.head = head;
    }

    /** After a head drove the run: takes the run's lock and ledger and publishes every stage that publishes; returns how many outputs failed. */
    public static int afterDrive(RunDir run, Plan plan, PrintStream out) throws InterruptedException {
        if (plan.stages().stream().noneMatch(s -> s.definition().publish() != null)) return 0;
        int failed = 0;
        try (RunLock lock = RunLock.acquire(run.lock(), dead -> {}); Ledger ledger = Ledger.open(run.ledger())) {
            Publisher publisher = new Publisher(run, out::println, ledger, true);
            for (PlannedStage stage : plan.stages()) failed += publisher.publish(stage.definition(), stage.liveTasks());
        }
        if (failed > 0) out.println(failed + " output" + (failed == 1 ? "" : "s") + " not published: 'flow resume " + run.name() + "' tries again");
        return failed;
    }

    /** Publishes what the stage's DONE tasks have not yet published (nothing if it does not publish); returns how many outputs failed, each said. */
    public int publish(StageDefinition def, List<PlannedTask> tasks) throws InterruptedException {
        if (def.publish() == null) return 0;
        int published = 0, kept = 0, failed = 0;
        for (PlannedTask task : tasks) {
            TaskResult result = TaskResult.read(run.resultJson(def.name(), task.index()))
                    .filter(r -> r.succeeded() && r.id().equals(task.id())).orElse(null);
            if (result == null) continue;
            Map<String, Publication> recorded = Publications.of(result);
            Map<String, Publication> now = new LinkedHashMap<>(recorded);
            boolean rewritten = false;
            for (TaskResult.Output output : result.outputs()) {
                String target;
                try {
                    target = target(def.publish(), def.name(), task.index(), output.path(), result);
                } catch (IllegalArgumentException badName) {
                    say.accept("publish " + def.name() + "[" + task.index() + "] " + output.path() + ": " + badName.getMessage());
                    failed++;
                    continue;
                }
                Publication before = recorded.get(output.path());
                boolean recordedThere = before != null && before.target().equals(target);
                if (recordedThere && stillThere(before)) {
                    kept++;
                    continue;
                }
                boolean ours = recordedThere || publishedBefore(def.name(), task.index(), output.path(), target);
                try {
                    Publication p = publishOne(def.publish(), run.outDir(def.name(), task.index()).resolve(output.path()), output, target, ours);
                    now.put(output.path(), p);
                    result = Publications.write(run, result, new ArrayList<>(now.values()));
                    rewritten = true;
                    ledger.append(LedgerEvent.PUBLISH, Map.of("stage", def.name(), "index", task.index(), "file", p.file(),
                            "target", p.target(), "size", p.size(), "checksum", p.checksum()));
                    published++;
                } catch (IOException | RuntimeException e) {
                    say.accept("publish " + def.name() + "[" + task.index() + "] " + output.path() + " → " + target + ": " + e.getMessage());
                    failed++;
                }
            }
            // the rewritten result made its results.idx entry stale: the head, the index's one writer, renews it once
            if (rewritten && head) ResultIndex.append(run, result);
        }
        if (published + kept > 0) {
            say.accept("published " + def.name() + ": " + published + " file" + (published == 1 ? "" : "s") + " to "
                    + def.publish().target() + (kept > 0 ? " (" + kept + " already there)" : ""));
        }
        return failed;
    }

    /** Where an output goes: its name (kept, or made by the stage's template or closure) under the target, never outside it. */
    private static String target(PublishSpec spec, String stage, int index, String file, TaskResult result) {
        String name = spec.name(file, stage, index, result.point());
        if (name == null || name.isBlank() || name.startsWith("/") || java.util.Arrays.asList(name.split("/")).contains("..")) {
            throw new IllegalArgumentException("its name '" + name + "' is not a relative path inside " + spec.target());
        }
        return spec.remote() ? XrootdUrl.parse(spec.target()).resolve(name).toString() : Path.of(spec.target()).resolve(name).toString();
    }

    /**
     * Whether the ledger records that this output of this task was published to {@code target}: a
     * task that ran again (its result rewritten) replaces its own earlier publication, which is
     * not overwriting someone else's file.
     */
    private boolean publishedBefore(String stage, int index, String file, String target) {
        if (inLedger == null) {
            inLedger = new java.util.HashSet<>();
            Ledger.forEach(run.ledger(), java.util.Set.of(LedgerEvent.PUBLISH),
                    r -> inLedger.add(List.of(r.stage(), ((Number) r.get("index")).intValue(), r.get("file"), r.get("target"))));
        }
        return inLedger.contains(List.of(stage, index, file, target));
    }

    private static boolean stillThere(Publication p) {
        try {
            if (XrootdUrl.is(p.target())) {
                XrootdUrl url = XrootdUrl.parse(p.target());
                return Xrootd.exists(url) && ("adler32:" + Xrootd.checksum(url)).equals(p.checksum());
            }
            Path target = Path.of(p.target());
            return Files.isRegularFile(target) && Files.size(target) == p.size();
        } catch (IOException e) {
            return false;
        }
    }

    /** @param ours the target holds an earlier publication of this output: replacing it is not overwriting */
    private static Publication publishOne(PublishSpec spec, Path source, TaskResult.Output output, String target, boolean ours)
            throws IOException, InterruptedException {
        if (spec.remote()) {
            Xrootd.RemoteFile uploaded = Xrootd.upload(source, XrootdUrl.parse(target), spec.overwrite() || ours);
            return new Publication(output.path(), target, spec.mode(), uploaded.size(), "adler32:" + uploaded.adler32());
        }
        Path to = Path.of(target);
        if (Files.exists(to) && !spec.overwrite() && !ours) throw new IOException(target + " exists (publish overwrite: false)");
        Files.createDirectories(to.getParent());
        Path temporary = to.resolveSibling("." + to.getFileName() + ".flow-publish-" + ProcessHandle.current().pid());
        Files.deleteIfExists(temporary);
        switch (spec.mode()) {
            case "link" -> Files.createLink(temporary, source);
            case "move" -> Files.move(source, temporary);
            default -> Files.copy(source, temporary, StandardCopyOption.COPY_ATTRIBUTES);
        }
        Files.move(temporary, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new Publication(output.path(), target, spec.mode(), output.size(), "sha256:" + output.sha256());
    }
}
