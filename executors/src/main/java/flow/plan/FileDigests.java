package flow.plan;

import flow.util.Digests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of files' contents, remembered by path, size and modification time in
 * {@code ~/.flow/cache/digests.tsv}, so that a large file is read once, not at every plan.
 * The cache is append-only (one short line per digest, written in one call); a line a crash cut
 * short, or one for a file that changed since, is never used.
 */
public final class FileDigests {
    private static final FileDigests USER = new FileDigests(Path.of(System.getProperty("user.home"), ".flow", "cache", "digests.tsv"));

    private final Path cacheFile;
    private final Map<String, String> known = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    FileDigests(Path cacheFile) {
        this.cacheFile = cacheFile;
    }

    /** The user's cache, for the head. */
    public static FileDigests user() {
        return USER;
    }

    /** Remembered in this process only: for workers, which write nothing outside their task directory. */
    public static FileDigests inMemory() {
        return new FileDigests(null);
    }

    /** The content digest of {@code file} as it is now. */
    public String sha256(Path file) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            String key = escaped(file.toAbsolutePath().normalize().toString()) + "\t" + attrs.size() + "\t" + attrs.lastModifiedTime().toMillis();
            load();
            String digest = known.get(key);
            if (digest != null) return digest;
            digest = Digests.sha256(file);
            known.put(key, digest);
            remember(key + "\t" + digest + "\n");
            return digest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Paths may hold tabs and newlines: escaped, so that every line of the cache names one file. */
    private static String escaped(String path) {
        return path.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    private void load() {
        if (loaded || cacheFile == null) return;
        synchronized (this) {
            if (loaded) return;
            try {
                if (Files.isRegularFile(cacheFile)) {
                    for (String line : new String(Files.readAllBytes(cacheFile), StandardCharsets.UTF_8).split("\n")) {
                        int tab = line.lastIndexOf('\t');
                        if (tab > 0 && line.length() - tab - 1 == 64) known.put(line.substring(0, tab), line.substring(tab + 1));
                    }
                }
            } catch (IOException unreadable) {
                // a cache that cannot be read is an empty one
            }
            loaded = true;
        }
    }

    private void remember(String line) {
        if (cacheFile == null) return;
        try {
            Files.createDirectories(cacheFile.getParent());
            Files.write(cacheFile, line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException unwritable) {
            // the digest is still right; only the next plan pays for it again
        }
    }
}
