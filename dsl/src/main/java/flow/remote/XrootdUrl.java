package flow.remote;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An xrootd URL, {@code root://host[:port]//absolute/path} (EOS's {@code root://eosproject.cern.ch//eos/...}):
 * the server and the path on it. The double slash is xrootd's: the path after the server is absolute.
 */
public record XrootdUrl(String server, String path) {
    private static final Pattern URL = Pattern.compile("(roots?://[^/\\s]+)/(/.*)");

    public static boolean is(String location) {
        return location.startsWith("root://") || location.startsWith("roots://");
    }

    /** @throws IllegalArgumentException for a URL without a server or an absolute path */
    public static XrootdUrl parse(String url) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) throw new IllegalArgumentException("'" + url + "' is not an xrootd URL: expected root://host[:port]//absolute/path");
        return new XrootdUrl(m.group(1), m.group(2));
    }

    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public XrootdUrl parent() {
        int slash = path.lastIndexOf('/');
        return new XrootdUrl(server, slash <= 0 ? "/" : path.substring(0, slash));
    }

    public XrootdUrl resolve(String name) {
        return new XrootdUrl(server, path.endsWith("/") ? path + name : path + "/" + name);
    }

    @Override
    public String toString() {
        return server + "/" + path;
    }
}
