package flow.exec;

import java.nio.file.Path;

/**
 * Where one attempt of a task wrote its output: {@code attempt} 0 stands for every attempt of
 * the local executor, which appends them to one pair of files; a null path means the scheduler
 * has not yet said where (the job has not started).
 */
public record TaskLog(int attempt, Path stdout, Path stderr) {}
