package flow.exec.grid;

import flow.util.IndexRanges;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An array the scheduler accepted: its job id and the task indices it runs. */
public record SubmittedArray(String stage, String jobId, List<Integer> tasks, int offset, int attempt) {
    public Map<String, Object> toLedger() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("stage", stage);
        json.put("jobId", jobId);
        json.put("tasks", IndexRanges.format(tasks));
        json.put("offset", offset);
        json.put("attempt", attempt);
        return json;
    }

    public static SubmittedArray fromLedger(Map<String, Object> json) {
        return new SubmittedArray((String) json.get("stage"), (String) json.get("jobId"),
                IndexRanges.parse((String) json.get("tasks")), ((Number) json.get("offset")).intValue(),
                ((Number) json.get("attempt")).intValue());
    }
}
