package flow.remote;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.Adler32;

/**
 * What flow asks of an xrootd server, through the xrootd client's own commands ({@code xrdfs},
 * {@code xrdcp}) as a user would type them, each an argv list: listings, sizes and adler32
 * checksums as the server reports them, copies in both directions verified by checksum, and
 * uploads that never leave a partial file under their final name (a temporary name, written with
 * persist-on-successful-close, then {@code xrdfs mv}).
 */
public final class Xrootd {
    /** A file on the server: its URL, size and adler32 checksum (8 hex digits). */
    public record RemoteFile(XrootdUrl url, long size, String adler32) {}

    /** A failed client command; {@code transient} unless the server said the file is missing or forbidden. */
    public static final class XrootdException extends IOException {
        private final boolean transientFailure;

        XrootdException(String message, boolean transientFailure) {
            super(message);
            this.transientFailure = transientFailure;
        }

        public boolean isTransient() {
            return transientFailure;
        }
    }

    /** Copies are tried this many times when they fail for a reason that may pass (a network error, a busy server). */
    static final int ATTEMPTS = 3;

    private Xrootd() {}

    /**
     * The files a URL names: itself if it exists, or, where its path has wildcards
     * ({@code * ? [..]}), every match, each directory level listed on the server; sorted by path.
     */
    public static List<XrootdUrl> glob(XrootdUrl pattern) throws IOException {
        String[] parts = pattern.path().substring(1).split("/");
        List<XrootdUrl> level = List.of(new XrootdUrl(pattern.server(), "/"));
        boolean wild = false;
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            List<XrootdUrl> next = new ArrayList<>();
            for (XrootdUrl dir : level) {
                if (!parts[i].matches(".*[*?\\[].*")) {
                    next.add(dir.resolve(parts[i]));
                    continue;
                }
                wild = true;
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + parts[i]);
                for (Listed entry : list(dir)) {
                    if (entry.directory() != last && matcher.matches(Path.of(entry.url().name()))) next.add(entry.url());
                }
            }
            level = next;
        }
        if (!wild) return exists(pattern) ? List.of(pattern) : List.of();
        List<XrootdUrl> files = new ArrayList<>(level);
        files.sort(java.util.Comparator.comparing(XrootdUrl::path));
        return files;
    }

    private record Listed(XrootdUrl url, boolean directory) {}

    /** {@code xrdfs SERVER ls -l DIR}: {@code drwxr-xr-x owner group size date time /path} per entry. */
    private static List<Listed> list(XrootdUrl dir) throws IOException {
        List<Listed> entries = new ArrayList<>();
        for (String line : run("xrdfs", dir.server(), "ls", "-l", dir.path()).lines().toList()) {
            String[] f = line.trim().split("\\s+", 7);
            if (f.length < 7) continue;
            entries.add(new Listed(new XrootdUrl(dir.server(), f[6]), f[0].startsWith("d")));
        }
        return entries;
    }

    public static boolean exists(XrootdUrl url) throws IOException {
        try {
            run("xrdfs", url.server(), "stat", url.path());
            return true;
        } catch (XrootdException e) {
            if (!e.isTransient()) return false;
            throw e;
        }
    }

    /** Size and checksum as the server reports them ({@code xrdfs stat}, {@code xrdfs query checksum}). */
    public static RemoteFile stat(XrootdUrl url) throws IOException {
        long size = -1;
        for (String line : run("xrdfs", url.server(), "stat", url.path()).lines().toList()) {
            if (line.startsWith("Size:")) size = Long.parseLong(line.substring(5).trim());
        }
        if (size < 0) throw new XrootdException("xrdfs stat " + url + ": no size in its answer", false);
        return new RemoteFile(url, size, checksum(url));
    }

    /** {@code xrdfs SERVER query checksum PATH} → {@code adler32 084b021f}. */
    public static String checksum(XrootdUrl url) throws IOException {
        String[] answer = run("xrdfs", url.server(), "query", "checksum", url.path()).trim().split("\\s+");
        if (answer.length != 2 || !answer[0].equalsIgnoreCase("adler32")) {
            throw new XrootdException("xrdfs query checksum " + url + ": expected 'adler32 <hex>', got '" + String.join(" ", answer)
                    + "' (the server needs 'xrootd.chksum adler32')", false);
        }
        return answer[1].toLowerCase(Locale.ROOT);
    }

    /** Copies a remote file to {@code target}, verified against {@code adler32}; retried while the failure may pass. */
    public static void download(RemoteFile file, Path target) throws IOException, InterruptedException {
        retried(() -> run("xrdcp", "--nopbar", "--force", "--cksum", "adler32:" + file.adler32(), file.url().toString(), target.toString()));
    }

    /**
     * Uploads {@code source} to {@code target}: to a temporary name beside it (persist on
     * successful close: an interrupted copy leaves nothing), verified by checksum, then renamed.
     * An existing target is replaced only with {@code overwrite}.
     *
     * @return the uploaded file as the server now has it
     */
    public static RemoteFile upload(Path source, XrootdUrl target, boolean overwrite) throws IOException, InterruptedException {
        String sum = adler32(source);
        XrootdUrl temporary = target.parent().resolve("." + target.name() + ".flow-upload-" + ProcessHandle.current().pid());
        run("xrdfs", target.server(), "mkdir", "-p", target.parent().path());
        removeLeftovers(target);
        retried(() -> run("xrdcp", "--nopbar", "--force", "--posc", "--cksum", "adler32:" + sum, source.toString(), temporary.toString()));
        if (exists(target)) {
            if (!overwrite) {
                run("xrdfs", temporary.server(), "rm", temporary.path());
                throw new XrootdException(target + " exists (publish overwrite: false)", false);
            }
            run("xrdfs", target.server(), "rm", target.path());
        }
        run("xrdfs", target.server(), "mv", temporary.path(), target.path());
        return new RemoteFile(target, Files.size(source), sum);
    }

    /** Temporaries an upload that was killed left beside {@code target} (a client killed with -9 may have closed its file). */
    private static void removeLeftovers(XrootdUrl target) throws IOException {
        String prefix = "." + target.name() + ".flow-upload-";
        for (Listed entry : list(target.parent())) {
            if (!entry.directory() && entry.url().name().startsWith(prefix)) run("xrdfs", target.server(), "rm", entry.url().path());
        }
    }

    /** The adler32 checksum of a local file, as xrootd writes it (8 lower-case hex digits). */
    public static String adler32(Path file) throws IOException {
        Adler32 sum = new Adler32();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) sum.update(buffer, 0, n);
        }
        return String.format("%08x", sum.getValue());
    }

    private interface Command {
        void run() throws IOException;
    }

    private static void retried(Command command) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                command.run();
                return;
            } catch (XrootdException e) {
                if (!e.isTransient() || attempt == ATTEMPTS) throw e;
                Thread.sleep(1000L * attempt);
            }
        }
    }

    /** Runs a client command; its standard output, or an exception with what it said on failure. */
    private static String run(String... argv) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new XrootdException(argv[0] + " is not installed here (Debian: xrootd-client): " + e.getMessage(), false);
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int exit;
        try {
            exit = p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new XrootdException(String.join(" ", argv) + ": interrupted", true);
        }
        if (exit != 0) {
            String said = (err.isEmpty() ? out.strip() : err).replace('\n', ' ');
            throw new XrootdException(String.join(" ", argv) + " failed (exit " + exit + "): " + said, !permanent(said));
        }
        return out;
    }

    /** What no retry mends: the file is missing ([3011] kXR_NotFound), access is refused ([3010]), or it exists ([3018]). */
    private static boolean permanent(String said) {
        return said.contains("[3011]") || said.contains("[3010]") || said.contains("[3018]") || said.contains("checksum");
    }
}
