package flow.run;

import flow.model.FailureClass;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * One line of the ledger, read: typed accessors for the fields the engine reads, and
 * {@link #get} for any field (Groovy's {@code record.stage} goes there too).
 */
public final class LedgerRecord {
    private final Map<String, Object> fields;

    LedgerRecord(Map<String, Object> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    public boolean is(LedgerEvent event) {
        return event.key.equals(fields.get("event"));
    }

    public Object get(String field) {
        return fields.get(field);
    }

    public Map<String, Object> fields() {
        return fields;
    }

    public String stage() {
        return (String) fields.get("stage");
    }

    /** The task the record is about (task-start, task-end, cleanup-end). */
    public TaskKey task() {
        return new TaskKey(stage(), ((Number) fields.get("index")).intValue());
    }

    /** The job the record is about, or null. */
    public String jobId() {
        return fields.get("jobId") == null ? null : String.valueOf(fields.get("jobId"));
    }

    /** The submission round of a submit record. */
    public int attempt() {
        return ((Number) fields.get("attempt")).intValue();
    }

    /** A task-end's failure class; empty when it succeeded. An unknown class reads as a step error. */
    public Optional<FailureClass> failure() {
        Object failure = fields.get("failure");
        return failure == null ? Optional.empty() : Optional.of(FailureClass.fromKey(String.valueOf(failure)).orElse(FailureClass.STEP_ERROR));
    }
}
