package flow.run;

import flow.util.AtomicFiles;
import flow.util.Digests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files a pipeline read its values from (a scan's YAML or CSV), kept with the run: each
 * text in {@code sources/<digest>-<name>}, never overwritten (an edited file is a new copy), and
 * its digest in run.json, so that a resume can say which of them changed.
 */
public final class RunSources {
    static final String KEY = "sources";

    private RunSources() {}

    /** Path → digest of each text. */
    public static Map<String, String> digests(Map<String, String> texts) {
        Map<String, String> digests = new LinkedHashMap<>();
        texts.forEach((path, text) -> digests.put(path, Digests.sha256(text)));
        return digests;
    }

    /** Copies each text into the run's sources/, named by its digest ({@link #digests}). */
    public static void keep(RunDir run, Map<String, String> texts, Map<String, String> digests) {
        try {
            if (!texts.isEmpty()) Files.createDirectories(run.root().resolve(KEY));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + run.root().resolve(KEY), e);
        }
        texts.forEach((path, text) -> AtomicFiles.write(copy(run, path, digests.get(path)), text));
    }

    public static Path copy(RunDir run, String path, String digest) {
        return run.root().resolve(KEY).resolve(digest.substring(0, 12) + "-" + Path.of(path).getFileName());
    }

    /** The files whose text differs from what the run recorded (or that it did not read before). */
    @SuppressWarnings("unchecked")
    public static List<String> changed(RunRecord previous, Map<String, String> digests) {
        Map<String, String> before = (Map<String, String>) previous.options().getOrDefault(KEY, Map.of());
        return digests.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey()))).map(Map.Entry::getKey).toList();
    }

    public static void record(Map<String, Object> options, Map<String, String> digests) {
        options.put(KEY, digests);
    }
}
