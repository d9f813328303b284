package flow.plan;

import flow.remote.Xrootd;
import flow.remote.XrootdUrl;
import flow.util.OpenDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    public InputFile(String path, long size, long modified) {
        this(path, size, modified, null);
    }

    public static InputFile of(Path file) {
        try {
            return of(file.toString(), Files.readAttributes(file, BasicFileAttributes.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read input " + file, e);
        }
    }

    /**
     * Locations as planned, in their order. A local file is looked up by its name in its
     * directory, held open for all the files in it: the inputs of a production are 100,000 files
     * of a few directories, and a resume looks at each.
     */
    public static List<InputFile> ofAll(List<String> locations) {
        Map<String, OpenDirectory> dirs = new ConcurrentHashMap<>();
        try {
            return locations.parallelStream().map(location -> {
                int slash = location.lastIndexOf('/');
                if (XrootdUrl.is(location) || slash < 0) return of(location);
                OpenDirectory dir = dirs.computeIfAbsent(slash == 0 ? "/" : location.substring(0, slash), d -> OpenDirectory.of(Path.of(d)));
                try {
                    return of(location, dir.readAttributes(location.substring(slash + 1)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read input " + location, e);
                }
            }).toList();
        } finally {
            dirs.values().forEach(OpenDirectory::close);
        }
    }

    private static InputFile of(String path, BasicFileAttributes attrs) {
        return new InputFile(path, attrs.size(), attrs.lastModifiedTime().toMillis());
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
