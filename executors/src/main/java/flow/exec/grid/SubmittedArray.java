package flow.exec.grid;

import flow.util.IndexRanges;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An array the scheduler accepted: its job id and the task indices it runs.
 *
 * @param cleanupOf for a cleanup job, the stage whose outputs it deletes; null for a stage's array
 * @param batches   for a batched stage, the tasks of each array element (the first is its leader:
 *                  the element's index is the leader's minus {@code offset}); empty when each
 *                  element runs one task
 */
public record SubmittedArray(String stage, String jobId, List<Integer> tasks, int offset, int attempt, String cleanupOf,
                             List<List<Integer>> batches) {
    public SubmittedArray withJobId(String id) {
        return new SubmittedArray(stage, id, tasks, offset, attempt, cleanupOf, batches);
    }

    public boolean batched() {
        return !batches.isEmpty();
    }

    /** Each task's array index: its own minus the offset, or its batch leader's. */
    public Map<Integer, Integer> arrayIndices() {
        Map<Integer, Integer> indices = new HashMap<>();
        if (batches.isEmpty()) tasks.forEach(t -> indices.put(t, t - offset));
        for (List<Integer> batch : batches) batch.forEach(t -> indices.put(t, batch.get(0) - offset));
        return indices;
    }

    public Map<String, Object> toLedger() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("stage", stage);
        json.put("jobId", jobId);
        json.put("tasks", IndexRanges.format(tasks));
        json.put("offset", offset);
        json.put("attempt", attempt);
        if (cleanupOf != null) json.put("cleanupOf", cleanupOf);
        if (!batches.isEmpty()) json.put("batches", batches.stream().map(IndexRanges::format).toList());
        return json;
    }

    @SuppressWarnings("unchecked")
    public static SubmittedArray fromLedger(flow.run.LedgerRecord submit) {
        List<String> batches = (List<String>) submit.get("batches");
        return new SubmittedArray(submit.stage(), submit.jobId(), IndexRanges.parse((String) submit.get("tasks")),
                ((Number) submit.get("offset")).intValue(), submit.attempt(), (String) submit.get("cleanupOf"),
                batches == null ? List.of() : batches.stream().map(IndexRanges::parse).toList());
    }
}
