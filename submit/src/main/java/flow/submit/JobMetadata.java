package flow.submit;

import flow.plan.Plan;
import flow.plan.PlannedStage;
import flow.run.Ledger;
import flow.run.LedgerEvent;
import flow.run.LedgerRecord;
import flow.run.RunDir;
import flow.run.RunRecord;
import flow.util.AtomicFiles;
import flow.util.Digests;
import flow.util.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code job_metadata.json} in a submission's run directory: the keys spine-prod's submitter
 * wrote (job_name, detector, config, profile, profile_config, num_files, num_chunks, job_ids,
 * output, submitted, command) and flow's own (run, flow_version, the files of each task, the
 * SHA-256 of each job script).
 */
public final class JobMetadata {
    private JobMetadata() {}

    public static Path write(RunDir run, Plan plan, SpineSubmission s, String command) {
        PlannedStage spine = plan.stages().stream().filter(st -> st.name().equals("spine")).findFirst().orElseThrow();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job_name", s.name());
        m.put("detector", s.detector());
        m.put("config", s.config().toString());
        m.put("profile", s.profile());
        m.put("profile_config", spine.definition().resources().asMap());
        m.put("num_files", s.sources().size());
        m.put("num_chunks", spine.tasks().size());
        m.put("job_ids", jobIds(run));
        m.put("output", s.output() != null ? s.output().toString() : run.stageDir("spine").resolve("tasks").toString());
        m.put("submitted", Instant.now().toString());
        m.put("command", command);
        m.put("run", run.name());
        m.put("flow_version", RunRecord.FLOW_VERSION);
        List<Map<String, Object>> tasks = new ArrayList<>();
        spine.tasks().forEach(t -> tasks.add(Map.of("index", t.index(), "files", t.files().stream().map(f -> f.path()).toList())));
        m.put("tasks", tasks);
        m.put("script_sha256", scriptHashes(run, plan));
        Path file = run.root().resolve("job_metadata.json");
        AtomicFiles.write(file, Json.pretty(m) + "\n");
        return file;
    }

    /** The scheduler's ids of the run's arrays, in submission order (none on the local executor). */
    private static List<String> jobIds(RunDir run) {
        return Ledger.read(run.ledger()).stream().filter(e -> e.is(LedgerEvent.SUBMIT) && e.jobId() != null)
                .map(LedgerRecord::jobId).distinct().toList();
    }

    private static Map<String, String> scriptHashes(RunDir run, Plan plan) {
        Map<String, String> hashes = new TreeMap<>();
        for (PlannedStage stage : plan.stages()) {
            Path dir = run.scriptsDir(stage.name());
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> scripts = Files.list(dir)) {
                for (Path p : scripts.sorted().toList()) hashes.put(run.root().relativize(p).toString(), Digests.sha256(p));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        return hashes;
    }
}
