package flow.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a task's outputs were published: the {@code published} list of its {@code result.json},
 * one entry per output (its path in out/, the target, size and checksum: {@code sha256:…} for a
 * local copy, {@code adler32:…} as an xrootd server reports it), rewritten atomically after each
 * file, so that what it lists is published whatever interrupts the rest. The ledger records
 * each publication too ({@code publish}), which outlives the result of a task that runs again.
 */
public final class Publications {
    /** @param mode how it was published (copy, link, move): a moved output is gone from out/ on purpose */
    public record Publication(String file, String target, String mode, long size, String checksum) {
        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("file", file);
            json.put("target", target);
            json.put("mode", mode);
            json.put("size", size);
            json.put("checksum", checksum);
            return json;
        }

        static Publication fromJson(Map<String, Object> p) {
            return new Publication((String) p.get("file"), (String) p.get("target"), (String) p.get("mode"),
                    ((Number) p.get("size")).longValue(), (String) p.get("checksum"));
        }
    }

    private Publications() {}

    /** The publications of a result, by output path. */
    public static Map<String, Publication> of(TaskResult result) {
        Map<String, Publication> published = new LinkedHashMap<>();
        result.published().forEach(p -> published.put(p.file(), p));
        return published;
    }

    /** The publications of the task's current result; empty when it has none (or no result). */
    public static Map<String, Publication> read(RunDir run, String stage, int index) {
        return TaskResult.read(run.resultJson(stage, index)).map(Publications::of).orElseGet(LinkedHashMap::new);
    }

    /**
     * Records {@code now} in the result (a new file renamed into place), which leaves the result's
     * entry in {@code results.idx} stale: until the head renews it, a resume reads the result itself.
     */
    public static TaskResult write(RunDir run, TaskResult result, List<Publication> now) {
        TaskResult updated = result.withPublished(now);
        updated.write(run.resultJson(result.stage(), result.index()));
        return updated;
    }

    /** Whether a task's outputs were moved away by publishing (resume trusts them by their recorded digests, as cleaned ones). */
    public static boolean moved(RunDir run, String stage, int index) {
        return read(run, stage, index).values().stream().anyMatch(p -> p.mode().equals("move"));
    }
}
