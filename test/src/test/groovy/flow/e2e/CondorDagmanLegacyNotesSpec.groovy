package flow.e2e

/** Every feature of {@link CondorDagmanSpec} against stand-ins imitating HTCondor before 25.11 ("DAG Node: x" notes). */
class CondorDagmanLegacyNotesSpec extends CondorDagmanSpec {
    @Override
    String version() {
        CondorStandIns.LEGACY_NOTES
    }
}
