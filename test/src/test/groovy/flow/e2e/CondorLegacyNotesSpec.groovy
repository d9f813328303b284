package flow.e2e

/**
 * Every feature of {@link CondorSpec} against stand-ins imitating HTCondor before 25.11, whose
 * submit events name the DAG node as "DAG Node: x" rather than in a ClassAd.
 */
class CondorLegacyNotesSpec extends CondorSpec {
    @Override
    String version() {
        CondorStandIns.LEGACY_NOTES
    }
}
