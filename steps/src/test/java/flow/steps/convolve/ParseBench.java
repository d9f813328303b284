package flow.steps.convolve;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Row parsing, measured (run by bench/smartpix.sh, not a test): flow's FastNumbers against
 * splitting each line into Strings and calling Double.parseDouble per value, on the sample's rows
 * (the step parses rows from the bytes it read; the benchmark includes making those bytes).
 */
public final class ParseBench {
    public static void main(String[] args) throws Exception {
        List<String> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(Path.of(args[0]))),
                StandardCharsets.US_ASCII))) {
            for (String line; (line = in.readLine()) != null; ) if (!line.isBlank() && !line.startsWith("<") && line.split("\\s+").length > 9) rows.add(line);
        }
        long values = rows.stream().mapToLong(r -> r.strip().split("\\s+").length).sum();
        for (int round = 1; round <= 5; round++) {
            double fast = time(rows, true), split = time(rows, false);
            System.out.printf("round %d: FastNumbers %.1f ns/value, split + parseDouble %.1f ns/value (%d values)%n",
                    round, fast / values, split / values, values);
        }
    }

    private static double time(List<String> rows, boolean fast) {
        double sink = 0;
        double[] values = new double[64];
        long start = System.nanoTime();
        for (int repeat = 0; repeat < 20; repeat++) {
            for (String row : rows) {
                if (fast) {
                    byte[] bytes = row.getBytes(StandardCharsets.ISO_8859_1); // stands for the reader's buffer, as the step parses it
                    int count = FastNumbers.parseRow(bytes, 0, bytes.length, values, 0, values.length, null, 0);
                    for (int i = 0; i < count; i++) sink += values[i];
                } else {
                    for (String token : row.strip().split("\\s+")) sink += Double.parseDouble(token);
                }
            }
        }
        if (sink == 42) System.out.print("");
        return (System.nanoTime() - start) / 20.0;
    }
}
