package flow.rootio;

import edu.vanderbilt.accre.laurelin.array.ArrayBuilder;
import edu.vanderbilt.accre.laurelin.array.RawArray;
import edu.vanderbilt.accre.laurelin.interpretation.AsDtype;
import edu.vanderbilt.accre.laurelin.interpretation.AsJagged;
import edu.vanderbilt.accre.laurelin.interpretation.Interpretation;
import edu.vanderbilt.accre.laurelin.root_proxy.TBasket;
import edu.vanderbilt.accre.laurelin.root_proxy.TBranch;
import edu.vanderbilt.accre.laurelin.root_proxy.TFile;
import edu.vanderbilt.accre.laurelin.root_proxy.TTree;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * rootio and Laurelin 1.0.1 side by side in one JVM (bench/rootio.sh; not a test): the numeric
 * branches both read (scalars and counted arrays) of each file, every basket decompressed and
 * decoded, best of 20 rounds of 10 reads after 5 of warm-up; Laurelin on one thread, rootio on one and on two
 * (branches shared out over the threads). Laurelin is driven through its
 * own ArrayBuilder as its Spark data source does.
 */
public final class LaurelinBench {
    private static final Executor SAME_THREAD = Runnable::run;

    public static void main(String[] args) throws Exception {
        System.out.println("rootio's zlib and LZMA: " + NativeCodecs.describe());
        for (String arg : args) {
            Path file = Path.of(arg);
            String treeName;
            List<String> branches;
            java.util.Set<String> jagged = new java.util.HashSet<>();
            java.util.Map<String, LeafType> types = new java.util.HashMap<>();
            try (RootFile f = RootFile.open(file)) {
                treeName = f.treeNames().keySet().iterator().next();
                Tree t = f.tree(treeName);
                branches = t.branchNames().stream().filter(b -> {
                    BranchShape s = t.shape(b);
                    return s.type() != null && t.branch(b).elementClass() == null
                            && (s.kind() == BranchShape.Kind.NUMBER || t.branch(b).leaves().get(0).count() != null);
                }).toList();
                branches.stream().filter(b -> t.shape(b).kind() == BranchShape.Kind.LIST).forEach(jagged::add);
                branches.forEach(b -> types.put(b, t.shape(b).type()));
            }
            double mb = Files.size(file) / 1e6;
            double ours = best(() -> readOurs(file, treeName, branches, 1));
            double ours2 = best(() -> readOurs(file, treeName, branches, 2));
            double theirs;
            try {
                theirs = best(() -> readLaurelin(file, treeName, branches, jagged, types));
            } catch (Exception | AssertionError e) {
                System.out.printf("%-40s %2d branches  Laurelin cannot read it (%s)   rootio %6.1f MB/s, on 2 threads %6.1f MB/s%n",
                        file.getFileName(), branches.size(), e.getClass().getSimpleName(), mb / ours, mb / ours2);
                continue;
            }
            System.out.printf("%-40s %2d branches  Laurelin %6.1f MB/s   rootio %6.1f MB/s (%.1fx), on 2 threads %6.1f MB/s (%.1fx)%n",
                    file.getFileName(), branches.size(), mb / theirs, mb / ours, theirs / ours, mb / ours2, theirs / ours2);
        }
    }

    private interface Work {
        long run() throws Exception;
    }

    /** Seconds per read of the file: best of 20 rounds after 5 of warm-up, each round reading it 10 times (tens of ms, above the noise). */
    private static double best(Work work) throws Exception {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 25; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < READS_PER_ROUND; i++) work.run();
            double s = (System.nanoTime() - start) / 1e9 / READS_PER_ROUND;
            if (round >= 5) best = Math.min(best, s);
        }
        return best;
    }

    private static final int READS_PER_ROUND = 10;

    private static long readOurs(Path file, String tree, List<String> branches, int threads) throws Exception {
        long items = 0;
        try (RootFile f = RootFile.open(file)) {
            Tree t = f.tree(tree);
            for (Column c : t.read(branches, threads, Long.MAX_VALUE).values()) items += c.size();
        }
        return items;
    }

    private static long readLaurelin(Path file, String treeName, List<String> branches, java.util.Set<String> jaggedBranches,
                                     java.util.Map<String, LeafType> types) throws Exception {
        long items = 0;
        try (TFile f = TFile.getFromFile(file.toString())) {
            TTree tree = new TTree(f.getProxy(treeName), f);
            for (String name : branches) {
                TBranch branch = tree.getBranches(name).get(0);
                List<TBasket> baskets = branch.getBaskets();
                ArrayBuilder.GetBasket get = new ArrayBuilder.GetBasket() {
                    @Override
                    public ArrayBuilder.BasketKey basketkey(int i) {
                        TBasket b = baskets.get(i);
                        return new ArrayBuilder.BasketKey(b.getKeyLen(), b.getLast(), b.getObjLen());
                    }

                    @Override
                    public RawArray dataWithoutKey(int i) {
                        try {
                            return new RawArray(baskets.get(i).getPayload());
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                };
                Interpretation dtype = new AsDtype(dtype(types.get(name)));
                boolean jagged = jaggedBranches.contains(name);
                long[] entryOffsets = branch.getBasketEntryOffsets();
                long entries = entryOffsets[entryOffsets.length - 1];
                ArrayBuilder builder = new ArrayBuilder(get, jagged ? new AsJagged(dtype) : dtype, entryOffsets, SAME_THREAD, 0, entries);
                items += builder.getArray(0, (int) entries).length();
            }
        }
        return items;
    }

    private static AsDtype.Dtype dtype(LeafType type) {
        return switch (type) {
            case BOOL -> AsDtype.Dtype.BOOL;
            case I8 -> AsDtype.Dtype.INT1;
            case U8 -> AsDtype.Dtype.UINT1;
            case I16 -> AsDtype.Dtype.INT2;
            case U16 -> AsDtype.Dtype.UINT2;
            case I32 -> AsDtype.Dtype.INT4;
            case U32 -> AsDtype.Dtype.UINT4;
            case I64 -> AsDtype.Dtype.INT8;
            case U64 -> AsDtype.Dtype.UINT8;
            case F32 -> AsDtype.Dtype.FLOAT4;
            case F64 -> AsDtype.Dtype.FLOAT8;
        };
    }
}
