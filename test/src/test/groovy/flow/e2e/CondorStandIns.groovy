package flow.e2e

import java.nio.file.Files
import java.nio.file.Path

/**
 * The HTCondor stand-ins of test/condor/fake, imitating one HTCondor version. Runs that use them
 * are launched under the build directory: DAGMan refuses a DAG whose node log is in /tmp
 * (src/condor_dagman/dagman_main.cpp:1357-1363), and so does the stand-in.
 */
class CondorStandIns {
    /** The submit event's note changed form in 25.11: specs run against both sides. */
    static final String LEGACY_NOTES = '25.10.0', CLASSAD_NOTES = '25.14.0'
    static final Path TOOLS = Path.of(System.getProperty('flow.home'), 'test', 'condor', 'fake')

    static Path launchDir(String prefix) {
        Path base = Files.createDirectories(Path.of(System.getProperty('flow.home'), 'test', 'target', 'condor-runs'))
        Files.createTempDirectory(base, prefix)
    }

    /** The environment of a flow command that finds the stand-ins first on PATH. */
    static Map<String, String> environment(Path home, String version, Map<String, String> extra = [:]) {
        [PATH: "${TOOLS}:${System.getenv('PATH')}".toString(), FAKE_CONDOR_HOME: home.toString(), FAKE_CONDOR_VERSION: version] + extra
    }
}
