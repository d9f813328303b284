package flow.rootio;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Read throughput of rootio (bench/rootio.sh runs it; not a test): every branch of each file,
 * 5 rounds after 2 of warm-up, on 1 and on N threads. Prints entries/s and MB/s of the file.
 */
public final class ReadBench {
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        System.out.println("zlib and LZMA: " + NativeCodecs.describe());
        for (int i = 1; i < args.length; i++) {
            Path file = Path.of(args[i]);
            double mb = Files.size(file) / 1e6;
            for (int t : new int[]{1, threads}) {
                long entries = 0;
                double best = Double.MAX_VALUE;
                for (int round = 0; round < 7; round++) {
                    long start = System.nanoTime();
                    entries = readAll(file, t);
                    double s = (System.nanoTime() - start) / 1e9;
                    if (round >= 2) best = Math.min(best, s);
                }
                System.out.printf("%-40s %d thread(s): %8.3f s  %12.0f entries/s  %7.1f MB/s%n", file.getFileName(), t, best,
                        entries / best, mb / best);
                if (threads == 1) break;
            }
        }
    }

    private static long readAll(Path file, int threads) throws Exception {
        try (RootFile f = RootFile.open(file)) {
            long entries = 0;
            for (String name : f.treeNames().keySet()) {
                Tree tree = f.tree(name);
                for (String b : tree.branchNames()) tree.read(b, threads);
                entries += tree.entries();
            }
            return entries;
        }
    }
}
