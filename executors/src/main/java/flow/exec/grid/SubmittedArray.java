package flow.exec.grid;

import flow.util.IndexRanges;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An array the scheduler accepted: its job id and the task indices it runs.
 *
 * @param cleanupOf for a cleanup job, the stage whose outputs it deletes; null for a stage's array
 */
public record SubmittedArray(String stage, String jobId, List<Integer> tasks, int offset, int attempt, String cleanupOf) {
    public SubmittedArray withJobId(String id) {
        return new SubmittedArray(stage, id, tasks, offset, attempt, cleanupOf);
    }

    public Map<String, Object> toLedger() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("stage", stage);
        json.put("jobId", jobId);
        json.put("tasks", IndexRanges.format(tasks));
        json.put("offset", offset);
        json.put("attempt", attempt);
        if (cleanupOf != null) json.put("cleanupOf", cleanupOf);
        return json;
    }

    public static SubmittedArray fromLedger(flow.run.LedgerRecord submit) {
        return new SubmittedArray(submit.stage(), submit.jobId(), IndexRanges.parse((String) submit.get("tasks")),
                ((Number) submit.get("offset")).intValue(), submit.attempt(), (String) submit.get("cleanupOf"));
    }
}
