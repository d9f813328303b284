package flow.rootio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A TTree: its entry count and branches (sub-branches included, by their full names). */
public final class Tree {
    private final RootFile file;
    private final String name;
    private final long entries;
    private final Map<String, Branch> branches = new LinkedHashMap<>();
    final String where;

    Tree(RootFile file, String name, long entries, List<Branch> top, String where) {
        this.file = file;
        this.name = name;
        this.entries = entries;
        this.where = where;
        addAll(top);
    }

    private void addAll(List<Branch> list) {
        for (Branch b : list) {
            branches.putIfAbsent(b.name(), b);
            addAll(b.branches());
        }
    }

    public String name() {
        return name;
    }

    public long entries() {
        return entries;
    }

    public List<String> branchNames() {
        return new ArrayList<>(branches.keySet());
    }

    public Branch branch(String name) {
        Branch b = branches.get(name);
        if (b == null) throw new RootException(where + ": no branch '" + name + "'");
        return b;
    }

    /** What a branch holds per entry, from its metadata alone. */
    public BranchShape shape(String branch) {
        try {
            return BranchShape.of(branch(branch), file.streamers());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the streamer info of " + where, e);
        }
    }

    /** Reads a branch's values over all entries. */
    public Column read(String branch) throws java.io.IOException {
        return read(branch, 1);
    }

    /** Reads a branch's values over all entries, decompressing its baskets on {@code threads} threads. */
    public Column read(String branch, int threads) throws java.io.IOException {
        return read(branch, threads, Long.MAX_VALUE);
    }

    /**
     * Reads several branches' first {@code maxEntries} entries, the branches shared out over
     * {@code threads} threads (each branch's baskets on one; a lone branch's baskets shared out
     * instead), in the order given.
     */
    public Map<String, Column> read(List<String> names, int threads, long maxEntries) throws java.io.IOException {
        int basketThreads = names.size() == 1 ? threads : 1;
        // branches taken in turn, the largest first, so that no thread is left with a big one at the end
        Integer[] order = java.util.stream.IntStream.range(0, names.size()).boxed().toArray(Integer[]::new);
        long[] bytes = names.stream().mapToLong(n -> java.util.Arrays.stream(branch(n).basketBytes()).asLongStream().sum()).toArray();
        java.util.Arrays.sort(order, java.util.Comparator.comparingLong(i -> -bytes[i]));
        Column[] read = new Column[names.size()];
        SharedWork.run(names.size(), threads, taken -> read[order[taken]] = read(names.get(order[taken]), basketThreads, maxEntries), where);
        Map<String, Column> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) out.put(names.get(i), read[i]);
        return out;
    }

    /** Reads a branch's first {@code maxEntries} entries, reading only the baskets that hold them. */
    public Column read(String branch, int threads, long maxEntries) throws java.io.IOException {
        return new BranchReader(file, this, branch(branch), threads, maxEntries).read().head(maxEntries);
    }
}
