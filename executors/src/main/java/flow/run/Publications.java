package flow.run;

import flow.util.AtomicFiles;
import flow.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a task's outputs were published: {@code published.json} in its task directory, one
 * entry per output (its path in out/, the target, size and checksum: {@code sha256:…} for a
 * local copy, {@code adler32:…} as an xrootd server reports it), rewritten atomically after each
 * file, so that what it lists is published whatever interrupts the rest.
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
    }

    private Publications() {}

    public static Path file(RunDir run, String stage, int index) {
        return run.taskDir(stage, index).resolve("published.json");
    }

    /** The task's publications by output path; empty when none is recorded. */
    @SuppressWarnings("unchecked")
    public static Map<String, Publication> read(RunDir run, String stage, int index) {
        Path file = file(run, stage, index);
        Map<String, Publication> published = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) return published;
        for (Map<String, Object> p : (List<Map<String, Object>>) Json.readObject(file).get("published")) {
            published.put((String) p.get("file"), new Publication((String) p.get("file"), (String) p.get("target"), (String) p.get("mode"),
                    ((Number) p.get("size")).longValue(), (String) p.get("checksum")));
        }
        return published;
    }

    public static void write(RunDir run, String stage, int index, Iterable<Publication> published) {
        List<Map<String, Object>> entries = new java.util.ArrayList<>();
        published.forEach(p -> entries.add(p.toJson()));
        AtomicFiles.write(file(run, stage, index), Json.pretty(Map.of("published", entries)) + "\n");
    }

    /** Whether a task's outputs were moved away by publishing (resume trusts them by their recorded digests, as cleaned ones). */
    public static boolean moved(RunDir run, String stage, int index) {
        return read(run, stage, index).values().stream().anyMatch(p -> p.mode().equals("move"));
    }
}
