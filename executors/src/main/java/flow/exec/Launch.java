package flow.exec;

import flow.plan.Plan;
import flow.run.LedgerEvent;
import flow.run.RunDir;
import flow.run.RunRecord;
import flow.step.StepRegistry;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * One run or resume, as the {@link Launcher} hands it to an {@link Executor}.
 *
 * @param event         RUN, or RESUME (which re-attaches to live jobs and rewrites the plan files)
 * @param toRun         per stage, the indices of the tasks to run
 * @param whenSubmitted runs once the tasks are with the scheduler (before following them), or
 *                      before a local run starts
 * @param changes       what a resume was told to change (parameters, resources, the .flow text), for the ledger
 * @param restamps      results of DONE tasks whose inputs were only touched, re-stamped with their new identity:
 *                      written once the head holds the run
 * @param leftFailed    failed tasks a watch tick does not run again, with their failure labels: counted as failed
 */
public record Launch(RunDir run, RunRecord record, Plan plan, LedgerEvent event, Map<String, List<Integer>> toRun,
                     LaunchOptions options, StepRegistry steps, PrintStream out, Progress progress, Runnable whenSubmitted,
                     Map<String, Object> changes, List<flow.run.TaskResult> restamps, Map<flow.run.TaskKey, String> leftFailed) {}
