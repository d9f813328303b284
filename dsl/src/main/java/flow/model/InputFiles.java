package flow.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import flow.remote.Xrootd;
import flow.remote.XrootdUrl;
import flow.util.DirectoryNames;

import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Expands a stage's file inputs into sorted lists of absolute paths and xrootd URLs. */
public final class InputFiles {
    private InputFiles() {}

    /**
     * The files of a file input: absolute local paths, and xrootd URLs ({@code root://}) as they
     * are, a remote glob resolved on its server; for {@link InputSpec.UpstreamOutputs} there are
     * none yet.
     */
    public static List<String> expand(InputSpec spec, Path baseDir) {
        if (spec instanceof InputSpec.FileGlob g) {
            return XrootdUrl.is(g.pattern()) ? remote(g.pattern()) : globbed(g.pattern(), baseDir);
        }
        if (spec instanceof InputSpec.FileLiteral l) return l.paths().stream().map(p -> located(p, baseDir)).toList();
        if (spec instanceof InputSpec.FileListFile f) return listed(absolute(f.path(), baseDir));
        return List.of();
    }

    static Path absolute(String path, Path baseDir) {
        return baseDir.resolve(path).toAbsolutePath().normalize();
    }

    /** A URL as it is; a local path made absolute against {@code baseDir}. */
    private static String located(String location, Path baseDir) {
        return XrootdUrl.is(location) ? XrootdUrl.parse(location).toString() : absolute(location, baseDir).toString();
    }

    private static List<String> remote(String pattern) {
        try {
            return Xrootd.glob(XrootdUrl.parse(pattern)).stream().map(XrootdUrl::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + pattern + ": " + e.getMessage(), e);
        }
    }

    /** Paths or URLs listed one per line; blank lines and {@code #} comments skipped; paths relative to the list's directory. */
    private static List<String> listed(Path listFile) {
        try (Stream<String> lines = Files.lines(listFile)) {
            return lines.map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> located(l, listFile.getParent())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read file list " + listFile, e);
        }
    }

    /** Matches a glob; the directories before the first wildcard are not scanned. Sorted by path. */
    public static List<Path> glob(String pattern, Path baseDir) {
        return globbed(pattern, baseDir).stream().map(Path::of).toList();
    }

    /**
     * The paths a glob matches, as text, sorted as paths sort. A pattern whose wildcards are all in
     * its last name (the common {@code data/*.root}) lists that directory once by name, with no
     * path made for an entry the pattern does not match: a production's directory holds 100,000
     * files, and a resume globs it each time.
     */
    private static List<String> globbed(String pattern, Path baseDir) {
        Glob glob = Glob.of(pattern, baseDir);
        if (glob.rest() == null) return Files.exists(glob.base()) ? List.of(glob.base().toString()) : List.of();
        if (!Files.isDirectory(glob.base())) return List.of();
        if (!glob.oneLevel()) return walked(glob, Integer.MAX_VALUE).stream().sorted().map(Path::toString).toList();
        List<String> names;
        try {
            names = DirectoryNames.sorted(glob.base());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot expand " + pattern, e);
        }
        Predicate<String> matches = glob.nameMatcher();
        String dir = glob.base().toString().endsWith("/") ? glob.base().toString() : glob.base() + "/";
        // the names are matched independently of each other: in parallel (the order is kept)
        return names.parallelStream().filter(matches).map(dir::concat).toList();
    }

    /** Whether a glob matches anything; stops at the first match. */
    public static boolean anyMatch(String pattern, Path baseDir) {
        Glob glob = Glob.of(pattern, baseDir);
        if (glob.rest() == null) return Files.exists(glob.base());
        return Files.isDirectory(glob.base()) && !walked(glob, 1).isEmpty();
    }

    /**
     * A glob split where its first wildcard is: the directory before it, and the rest of the
     * pattern (null without a wildcard: then base is the whole path).
     */
    private record Glob(String pattern, Path base, String rest) {
        static Glob of(String pattern, Path baseDir) {
            Path full = baseDir.resolve(pattern).normalize();
            Path base = full.getRoot();
            for (int i = 0; i < full.getNameCount(); i++) {
                String part = full.getName(i).toString();
                if (part.matches(".*[*?\\[{].*")) return new Glob(pattern, base, full.subpath(i, full.getNameCount()).toString());
                base = base.resolve(part);
            }
            return new Glob(pattern, full, null);
        }

        boolean oneLevel() {
            return !rest.contains("/") && !rest.contains("**");
        }

        PathMatcher matcher() {
            return FileSystems.getDefault().getPathMatcher("glob:" + rest);
        }

        /**
         * Whether a name in the base directory matches a one-level glob. One {@code *} between
         * literal text (the common {@code *.root}) is matched as a prefix and a suffix: as the
         * glob's regular expression would, without a path and a match per name.
         */
        Predicate<String> nameMatcher() {
            int star = rest.indexOf('*');
            if (star >= 0 && rest.indexOf('*', star + 1) < 0 && rest.chars().noneMatch(c -> "?[]{},\\".indexOf(c) >= 0)) {
                String prefix = rest.substring(0, star), suffix = rest.substring(star + 1);
                return name -> name.length() >= prefix.length() + suffix.length() && name.startsWith(prefix) && name.endsWith(suffix);
            }
            PathMatcher matcher = matcher();
            return name -> matcher.matches(Path.of(name));
        }
    }

    /** Up to {@code limit} matches of a glob, in directory order. */
    private static List<Path> walked(Glob glob, int limit) {
        List<Path> matches = new ArrayList<>();
        try {
            if (glob.oneLevel()) {
                try (DirectoryStream<Path> dir = Files.newDirectoryStream(glob.base(), glob.rest())) {
                    for (Path p : dir) {
                        matches.add(p);
                        if (matches.size() >= limit) break;
                    }
                }
            } else {
                Path root = glob.base();
                PathMatcher matcher = glob.matcher();
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(p -> !p.equals(root) && matcher.matches(root.relativize(p))).limit(limit).forEach(matches::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot expand " + glob.pattern(), e);
        }
        return matches;
    }
}
