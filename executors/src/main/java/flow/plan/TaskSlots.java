package flow.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Gives a stage's tasks their indices. A task is known across plans by its slot: what it
 * consumes (its input paths or upstream tasks; for a stage that takes all inputs in one task,
 * just that) and its scan point. A task whose slot was planned before keeps that index, whatever
 * changed in its inputs' content or the step; a new slot takes the next free index; an earlier
 * slot not planned again stays, removed.
 */
final class TaskSlots {
    private final List<PlannedTask> earlierTasks;
    private final boolean allInOne;
    /** Earlier tasks by slot, made only once a task is not where it was (the common re-plan needs none). */
    private Map<String, Deque<PlannedTask>> earlierBySlot;
    private final List<PlannedTask> placed = new ArrayList<>();
    /** Indices given to placed tasks. Earlier tasks are dense and in index order: the task at position i has index i. */
    private final BitSet taken = new BitSet();
    private int next;
    /** A task was placed that differs from the earlier one at its index, or an earlier one is newly removed. */
    private boolean changed;

    /** @param allInOne the stage puts all its inputs in one task per scan point */
    TaskSlots(List<PlannedTask> earlierTasks, boolean allInOne) {
        this.earlierTasks = earlierTasks;
        this.allInOne = allInOne;
        this.next = earlierTasks.size();
    }

    /** A scan point as canonical JSON, which names it across plans. */
    static String pointText(Map<String, Object> point) {
        return point.isEmpty() ? "{}" : flow.util.Json.compact(flow.util.Digests.canonical(point));
    }

    private String slot(PlannedTask task, String point) {
        String consumed = allInOne ? "*" : String.join("\n", Planner.memberKeys(task));
        return consumed + '\u0000' + point;
    }

    /**
     * Places a newly planned task whose scan point reads {@code point} as canonical JSON: one
     * whose index is not set yet, or an earlier task itself, planned again unchanged.
     */
    void place(PlannedTask task, String point) {
        if (task.index() >= 0 && !taken.get(task.index())) {
            taken.set(task.index());
            placed.add(task);
            return;
        }
        if (task.index() >= 0) task = task.withIndex(-1); // its index went to another task of the same slot
        int position = placed.size();
        PlannedTask before = earlierBySlot == null && position < earlierTasks.size() ? earlierTasks.get(position) : null;
        if (before != null && !sameSlot(before, task, point)) before = null;
        if (before == null && !earlierTasks.isEmpty()) {
            Deque<PlannedTask> same = bySlot().get(slot(task, point));
            while (same != null && !same.isEmpty() && taken.get(same.peek().index())) same.poll(); // planned again unchanged
            before = same == null ? null : same.poll();
        }
        int index = before != null ? before.index() : next++;
        taken.set(index);
        PlannedTask indexed = task.withIndex(index);
        if (!indexed.equals(before)) changed = true;
        placed.add(indexed);
    }

    /** Whether the tasks are exactly the earlier ones, removed ones included (known once {@link #tasks} has run). */
    boolean asBefore() {
        return !changed;
    }

    private boolean sameSlot(PlannedTask earlier, PlannedTask task, String point) {
        if (!pointText(earlier.scan()).equals(point)) return false;
        if (allInOne) return true;
        if (earlier.files().size() != task.files().size() || !earlier.upstream().equals(task.upstream())) return false;
        for (int i = 0; i < task.files().size(); i++) {
            if (!Objects.equals(earlier.files().get(i).path(), task.files().get(i).path())) return false;
        }
        return true;
    }

    /** The earlier tasks not yet placed, by slot. */
    private Map<String, Deque<PlannedTask>> bySlot() {
        if (earlierBySlot == null) {
            earlierBySlot = new HashMap<>();
            for (int i = taken.nextClearBit(0); i < earlierTasks.size(); i = taken.nextClearBit(i + 1)) {
                PlannedTask t = earlierTasks.get(i);
                earlierBySlot.computeIfAbsent(slot(t, pointText(t.scan())), k -> new ArrayDeque<>()).add(t);
            }
        }
        return earlierBySlot;
    }

    /** Every task in index order: the placed ones and the earlier ones not placed again, as removed. */
    List<PlannedTask> tasks() {
        List<PlannedTask> all = new ArrayList<>(placed);
        for (int i = taken.nextClearBit(0); i < earlierTasks.size(); i = taken.nextClearBit(i + 1)) {
            PlannedTask gone = earlierTasks.get(i);
            if (!gone.removed()) changed = true;
            all.add(gone.asRemoved());
        }
        all.sort(Comparator.comparingInt(PlannedTask::index));
        return all;
    }
}
