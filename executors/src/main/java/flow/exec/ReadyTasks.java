package flow.exec;

import flow.plan.Plan;
import flow.plan.PlannedStage;
import flow.plan.PlannedTask;
import flow.plan.UpstreamRef;
import flow.run.TaskKey;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local head's queue: which of the tasks to run may start. A task that consumes upstream
 * outputs is ready once each upstream task it reads is done (done before this head, or succeeded
 * under it), so one dataset's chain goes on while another's upstream still runs or failed; a
 * task that fails for good blocks only the tasks that read it, and those downstream of them.
 */
final class ReadyTasks {
    private final Map<String, Deque<PlannedTask>> ready = new LinkedHashMap<>();
    /** Queued tasks not yet ready: how many of the upstream tasks they read are still to succeed. */
    private final Map<TaskKey, Integer> waitingOn = new HashMap<>();
    private final Map<TaskKey, PlannedTask> waiting = new HashMap<>();
    /** For each task to run, the queued tasks that read its outputs. */
    private final Map<TaskKey, List<TaskKey>> consumers = new HashMap<>();

    ReadyTasks(Plan plan, Map<String, List<Integer>> toRun) {
        Map<String, java.util.Set<Integer>> running = new HashMap<>();
        toRun.forEach((stage, indices) -> running.put(stage, new java.util.HashSet<>(indices)));
        for (PlannedStage stage : plan.stages()) {
            Deque<PlannedTask> queue = new ArrayDeque<>();
            for (int i : toRun.getOrDefault(stage.name(), List.of())) {
                PlannedTask task = stage.tasks().get(i);
                TaskKey key = new TaskKey(stage.name(), i);
                int unfinished = 0;
                for (UpstreamRef ref : task.upstream()) {
                    java.util.Set<Integer> upstreamToRun = running.getOrDefault(ref.stage(), java.util.Set.of());
                    for (int u = ref.from(); u < ref.to(); u++) {
                        if (!upstreamToRun.contains(u)) continue; // done before this head
                        unfinished++;
                        consumers.computeIfAbsent(new TaskKey(ref.stage(), u), k -> new ArrayList<>()).add(key);
                    }
                }
                if (unfinished == 0) {
                    queue.add(task);
                } else {
                    waitingOn.put(key, unfinished);
                    waiting.put(key, task);
                }
            }
            ready.put(stage.name(), queue);
        }
    }

    /** The stage's tasks that may start, in index order (a retried one first). */
    Deque<PlannedTask> ready(String stage) {
        return ready.get(stage);
    }

    /** A task succeeded: the tasks that waited only on it are ready now. */
    void succeeded(TaskKey task) {
        for (TaskKey consumer : consumers.getOrDefault(task, List.of())) {
            Integer left = waitingOn.computeIfPresent(consumer, (k, n) -> n - 1);
            if (left != null && left == 0) {
                waitingOn.remove(consumer);
                ready.get(consumer.stage()).add(waiting.remove(consumer));
            }
        }
    }

    /** A task failed for good: the queued tasks that read it, and theirs, can never run; removed and returned. */
    List<TaskKey> blockConsumers(TaskKey failed) {
        List<TaskKey> blocked = new ArrayList<>();
        Deque<TaskKey> next = new ArrayDeque<>(List.of(failed));
        while (!next.isEmpty()) {
            for (TaskKey consumer : consumers.getOrDefault(next.poll(), List.of())) {
                if (waiting.remove(consumer) == null) continue; // blocked already
                waitingOn.remove(consumer);
                blocked.add(consumer);
                next.add(consumer);
            }
        }
        return blocked;
    }

    /** Every queued task of a stage that waits on a failed stage as a whole (dependsOn), with the tasks that read them. */
    List<TaskKey> blockStage(String stage) {
        List<TaskKey> blocked = new ArrayList<>();
        for (PlannedTask t : ready.get(stage)) blocked.add(new TaskKey(stage, t.index()));
        ready.get(stage).clear();
        for (TaskKey key : new ArrayList<>(waiting.keySet())) {
            if (!key.stage().equals(stage)) continue;
            waiting.remove(key);
            waitingOn.remove(key);
            blocked.add(key);
        }
        for (TaskKey key : List.copyOf(blocked)) blocked.addAll(blockConsumers(key));
        return blocked;
    }
}
