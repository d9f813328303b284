package flow.report;

import flow.run.Trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The attempts of a run as its {@code trace.tsv} records them, one row each, read in one pass. */
record TraceRows(List<Row> rows) {
    /** One attempt; times are ISO-8601 text (empty when unknown), figures NaN when unknown. */
    record Row(String stage, int index, int attempt, String job, String state, String failureClass, String exit,
               String submit, String start, String end, double duration, double cpu, double peakRssMb, double requestedMb, String node) {}

    static TraceRows read(Path file) {
        List<Row> rows = new ArrayList<>();
        if (!Files.exists(file)) return new TraceRows(rows);
        try (BufferedReader in = Files.newBufferedReader(file)) {
            in.readLine(); // the header: Trace.COLUMNS
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split("\t", -1);
                if (f.length != Trace.COLUMNS.size()) continue;
                rows.add(new Row(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4], f[5], f[6], f[7], f[8], f[9], f[10],
                        number(f[11]), number(f[12]), number(f[13]), number(f[14]), f[15]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new TraceRows(rows);
    }

    private static double number(String text) {
        return text.isEmpty() ? Double.NaN : Double.parseDouble(text);
    }
}
