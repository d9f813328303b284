package flow.run;

/** What a ledger record tells, as written in its {@code "event"} field. */
public enum LedgerEvent {
    RUN("run"), RESUME("resume"), END("end"), CANCELLED("cancelled"),
    SUBMITTING("submitting"), SUBMIT("submit"), SUBMIT_FAILED("submit-failed"), RETRY("retry"),
    TASK_START("task-start"), TASK_END("task-end"),
    CLEANUP("cleanup"), CLEANUP_END("cleanup-end"), CLEANUP_SKIPPED("cleanup-skipped"),
    PUBLISH("publish");

    public final String key;

    LedgerEvent(String key) {
        this.key = key;
    }
}
