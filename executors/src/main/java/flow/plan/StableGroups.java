package flow.plan;

import flow.model.StageSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Groups a stage's inputs into tasks ({@code group N}) so that a re-plan keeps the groups of the
 * last plan: a group whose members are all still there stays as it was, wherever new inputs now
 * sort; the inputs left over (new ones, and those of groups that lost a member) are grouped in
 * order after them. Without a last plan this is plain chunking in order.
 */
final class StableGroups {
    private StableGroups() {}

    /**
     * @param items   the inputs, in order
     * @param key     what names an input across plans (a path, an upstream task)
     * @param size    inputs per group, or {@link StageSpec#GROUP_ALL}
     * @param earlier the last plan's groups, as keys, in its index order (empty for a new run)
     */
    static <T> List<List<T>> of(List<T> items, Function<T, String> key, int size, List<List<String>> earlier) {
        if (items.isEmpty()) return List.of();
        if (size == StageSpec.GROUP_ALL) return List.of(items);
        if (size == 1) return items.stream().map(List::of).toList(); // groups of one are the same in every plan
        Map<String, T> byKey = new HashMap<>(items.size() * 2);
        for (T item : items) byKey.putIfAbsent(key.apply(item), item);
        Set<String> placed = new HashSet<>();
        List<List<T>> groups = new ArrayList<>();
        for (List<String> group : earlier) {
            if (group.size() > size || !group.stream().allMatch(k -> byKey.containsKey(k) && !placed.contains(k))) continue;
            placed.addAll(group);
            groups.add(group.stream().map(byKey::get).toList());
        }
        List<T> left = placed.isEmpty() ? items : items.stream().filter(i -> !placed.contains(key.apply(i))).toList();
        for (int i = 0; i < left.size(); i += size) groups.add(left.subList(i, Math.min(left.size(), i + size)));
        return groups;
    }
}
