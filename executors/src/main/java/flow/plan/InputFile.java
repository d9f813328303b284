package flow.plan;

import flow.remote.Xrootd;
import flow.remote.XrootdUrl;
import flow.util.FileStats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * An input file and what identifies its content cheaply: size and modification time. A result
 * also records its content digest, so that a file touched without change is known as unchanged.
 * A remote file ({@code root://} URL) has no modification time worth trusting across servers:
 * its stamp is the adler32 checksum its server reports (as an unsigned number), which changes
 * exactly when its content does.
 *
 * @param path     an absolute local path, or an xrootd URL
 * @param modified a local file's modification time (ms), a remote file's adler32
 * @param sha256   the content's SHA-256 where it was read (a task's result), else null (a plan)
 */
public record InputFile(String path, long size, long modified, String sha256) {
    /** Local files looked at in one call: enough to make its cost nothing, few enough to share the work out. */
    private static final int FILES_PER_LOOK = 1024;

    public InputFile(String path, long size, long modified) {
        this(path, size, modified, null);
    }

    public static InputFile of(Path file) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            return new InputFile(file.toString(), attrs.size(), attrs.lastModifiedTime().toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read input " + file, e);
        }
    }

    /**
     * Locations as planned, in their order. Consecutive local files of one directory are looked
     * up by their names in batches ({@link FileStats}): the inputs of a production are 100,000
     * files of a few directories, and a resume looks at each. Batches, and remote files, are
     * looked at in parallel.
     */
    public static List<InputFile> ofAll(List<String> locations) {
        InputFile[] files = new InputFile[locations.size()];
        batches(locations).parallelStream().forEach(batch -> batch.lookUp(locations, files));
        return List.of(files);
    }

    /** Locations {@code [from, to)}: consecutive local files of directory {@code dir} (with its slash), or one remote file (no dir). */
    private record Batch(int from, int to, String dir) {
        void lookUp(List<String> locations, InputFile[] files) {
            if (dir == null) {
                files[from] = of(locations.get(from));
                return;
            }
            FileStats stats = FileStats.of(Path.of(dir), locations.subList(from, to).stream().map(l -> l.substring(dir.length())).toList());
            for (int i = from; i < to; i++) {
                if (!stats.exists(i - from)) throw new UncheckedIOException("cannot read input " + locations.get(i), stats.failure(i - from));
                files[i] = new InputFile(locations.get(i), stats.size(i - from), stats.modifiedMillis(i - from));
            }
        }
    }

    private static List<Batch> batches(List<String> locations) {
        List<Batch> batches = new ArrayList<>();
        for (int from = 0, to; from < locations.size(); from = to) {
            String location = locations.get(from);
            int slash = location.lastIndexOf('/');
            String dir = XrootdUrl.is(location) || slash < 0 ? null : location.substring(0, slash + 1);
            to = from + 1;
            while (dir != null && to < locations.size() && to - from < FILES_PER_LOOK && inDirectory(locations.get(to), dir)) to++;
            batches.add(new Batch(from, to, dir));
        }
        return batches;
    }

    /** Whether a location is a local file right in {@code dir} (with its slash). */
    private static boolean inDirectory(String location, String dir) {
        return location.startsWith(dir) && location.indexOf('/', dir.length()) < 0 && !XrootdUrl.is(location);
    }

    /** A location as planned: a local file's size and time, a remote one's size and checksum as its server says. */
    public static InputFile of(String location) {
        if (!XrootdUrl.is(location)) return of(Path.of(location));
        try {
            Xrootd.RemoteFile remote = Xrootd.stat(XrootdUrl.parse(location));
            return new InputFile(location, remote.size(), Long.parseLong(remote.adler32(), 16));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read input " + location + ": " + e.getMessage(), e);
        }
    }

    public boolean remote() {
        return XrootdUrl.is(path);
    }

    /** A remote file as planned: its URL, size and checksum. */
    public Xrootd.RemoteFile remoteFile() {
        return new Xrootd.RemoteFile(XrootdUrl.parse(path), size, String.format("%08x", modified));
    }

    public InputFile withDigest(String digest) {
        return new InputFile(path, size, modified, digest);
    }

    /**
     * Written out, not the record's own: that one runs through method handles, which cost about
     * 1 µs a call until C2 inlines them, and a resume compares 100,000 inputs in a JVM that
     * compiles with C1 alone (PlannedTask.plansSameWork).
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof InputFile f && size == f.size && modified == f.modified && path.equals(f.path)
                && java.util.Objects.equals(sha256, f.sha256);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(path, size, modified, sha256);
    }

    public String fingerprint() {
        return path + "\t" + size + "\t" + modified;
    }
}
