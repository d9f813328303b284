package flow.plan;

import java.util.List;
import java.util.Map;

/**
 * One task of a stage.
 *
 * @param id       identity: a hash of the step, its parameters, the scan point and the inputs
 *                 (files by path, size and time; upstream tasks by stage and index)
 * @param files    input files, for stages reading files
 * @param upstream upstream task ranges whose outputs are the inputs, for outputsOf stages
 * @param scan     this task's point of the stage's parameter scan (empty without a scan)
 */
public record PlannedTask(int index, String id, List<InputFile> files, List<UpstreamRef> upstream,
                          Map<String, Object> scan) {}
