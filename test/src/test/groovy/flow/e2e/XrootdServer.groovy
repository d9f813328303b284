package flow.e2e

import java.util.concurrent.TimeUnit

/** The xrootd server test/xrootd/start.sh starts on 127.0.0.1 (Debian's xrootd-server, adler32 checksums), and its client. */
class XrootdServer {
    static final String URL = 'root://127.0.0.1:1094'

    static boolean available() {
        try {
            def p = new ProcessBuilder('xrdfs', URL, 'stat', '/data').redirectErrorStream(true).start()
            p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0
        } catch (IOException ignored) {
            false
        }
    }

    /** Fails under CI when the server is not up (test/run-tests.sh starts it), else skips the spec. */
    static void require() {
        if (available()) return
        if (System.getenv('CI')) throw new AssertionError('xrootd is not running: test/xrootd/start.sh must start it under CI')
        throw new org.opentest4j.TestAbortedException('no xrootd server here (run test/xrootd/start.sh as root)')
    }

    /** A fresh directory on the server, as a URL ending in '/'. */
    static String freshDirectory(String name) {
        String dir = "/data/${name}-${UUID.randomUUID().toString().substring(0, 8)}/"
        client('xrdfs', URL, 'mkdir', '-p', dir)
        "${URL}/${dir}"
    }

    /** Runs an xrootd client command; its standard output (it must succeed). */
    static String client(String... argv) {
        def p = new ProcessBuilder(argv).redirectErrorStream(true).start()
        def out = p.inputStream.text
        assert p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0: "${argv.join(' ')}: $out"
        out
    }

    /** The names of the files in a server directory (its URL). */
    static List<String> names(String dirUrl) {
        def (server, path) = split(dirUrl)
        client('xrdfs', server, 'ls', path).readLines()*.trim().findAll { it }.collect { it.substring(it.lastIndexOf('/') + 1) }.sort()
    }

    static boolean exists(String url) {
        def (server, path) = split(url)
        def p = new ProcessBuilder('xrdfs', server, 'stat', path).redirectErrorStream(true).start()
        p.inputStream.text
        p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0
    }

    static List<String> split(String url) {
        def m = url =~ /(root:\/\/[^\/]+)\/(\/.*)/
        assert m.matches()
        [m.group(1), m.group(2)]
    }
}
