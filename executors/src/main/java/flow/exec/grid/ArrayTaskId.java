package flow.exec.grid;

/** A task as the scheduler names it: its array's job id and its index in the array. */
public record ArrayTaskId(String jobId, int arrayIndex) {}
