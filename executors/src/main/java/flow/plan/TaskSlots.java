package flow.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives a stage's tasks their indices. A task is known across plans by its slot: what it
 * consumes (its input paths or upstream tasks; for a stage that takes all inputs in one task,
 * just that) and its scan point. A task whose slot was planned before keeps that index, whatever
 * changed in its inputs' content or the step; a new slot takes the next free index; an earlier
 * slot not planned again stays, removed.
 */
final class TaskSlots {
    private final Map<String, Deque<PlannedTask>> earlier = new HashMap<>();
    private final List<PlannedTask> earlierTasks;
    private final boolean allInOne;
    private final List<PlannedTask> placed = new ArrayList<>();
    private final java.util.Set<Integer> taken = new java.util.HashSet<>();
    private int next;

    /** @param allInOne the stage puts all its inputs in one task per scan point */
    TaskSlots(List<PlannedTask> earlierTasks, boolean allInOne) {
        this.earlierTasks = earlierTasks;
        this.allInOne = allInOne;
        for (PlannedTask t : earlierTasks) {
            earlier.computeIfAbsent(slot(t, flow.util.Json.compact(flow.util.Digests.canonical(t.scan()))), k -> new ArrayDeque<>()).add(t);
        }
        this.next = earlierTasks.size();
    }

    private String slot(PlannedTask task, String point) {
        String consumed = allInOne ? "*" : String.join("\n", Planner.memberKeys(task));
        return consumed + '\u0000' + point;
    }

    /** Places a newly planned task (index not yet set) whose scan point reads {@code point} as canonical JSON. */
    void place(PlannedTask task, String point) {
        Deque<PlannedTask> same = earlier.get(slot(task, point));
        PlannedTask before = same == null ? null : same.poll();
        int index = before != null ? before.index() : next++;
        taken.add(index);
        placed.add(task.withIndex(index));
    }

    /** Every task in index order: the placed ones and the earlier ones not placed again, as removed. */
    List<PlannedTask> tasks() {
        List<PlannedTask> all = new ArrayList<>(placed);
        for (PlannedTask t : earlierTasks) if (!taken.contains(t.index())) all.add(t.asRemoved());
        all.sort(Comparator.comparingInt(PlannedTask::index));
        return all;
    }
}
