package flow.steps.convolve;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Converts one pixelAV cluster file ({@code .out} or {@code .out.gz}) into
 * {@code convolved_output_<base>.out.gz}, one cluster at a time, streaming in and out. The
 * output is written under a temporary name and renamed only when complete; on any error it is
 * removed and the error names the file and line.
 */
public final class ClusterConverter {
    static final double OUTPUT_STEP_PS = 200;
    static final double WINDOW_SECONDS = 6e-9;

    private final PulseTable.Raw pulses;
    private final int threads;

    public ClusterConverter(PulseTable.Raw pulses) {
        this(pulses, 1);
    }

    /** @param threads CPUs to use: with more than one, clusters are convolved and formatted in parallel, written in order */
    public ClusterConverter(PulseTable.Raw pulses, int threads) {
        this.pulses = pulses;
        this.threads = Math.max(1, threads);
    }

    public static String outputName(Path input) {
        String name = input.getFileName().toString();
        String base = name.endsWith(".out.gz") ? name.substring(0, name.length() - 7)
                : name.endsWith(".out") ? name.substring(0, name.length() - 4) : name;
        return "convolved_output_" + base + ".out.gz";
    }

    /** @return the output file */
    public Path convert(Path input, Path outDir) throws IOException {
        Path target = outDir.resolve(outputName(input));
        Path tmp = outDir.resolve("." + target.getFileName() + ".tmp");
        try (BufferedReader in = reader(input);
             Writer out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16),
                     StandardCharsets.US_ASCII), 1 << 16)) {
            new Conversion(input, in, out).run();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            if (e instanceof EOFException || e instanceof ZipException) {
                throw new IllegalArgumentException(input + ": truncated or corrupt gzip stream (" + e.getMessage() + ")");
            }
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static BufferedReader reader(Path input) throws IOException {
        InputStream raw = Files.newInputStream(input);
        InputStream data = input.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        return new BufferedReader(new InputStreamReader(data, StandardCharsets.US_ASCII), 1 << 16);
    }

    /** One pass over one file. */
    private final class Conversion {
        private final Path file;
        private final BufferedReader in;
        private final Writer out;
        private int lineNo;
        private String pending;
        private double stepPs = Double.NaN;
        private double stepSeconds;
        private PulseTable table;
        private int stride;
        private int samples;

        Conversion(Path file, BufferedReader in, Writer out) {
            this.file = file;
            this.in = in;
            this.out = out;
        }

        void run() throws IOException {
            String line;
            while ((line = next()) != null && !line.strip().equals("<cluster>")) out.write(headerLine(line) + "\n");
            if (line == null) return; // no cluster: a header-only output
            if (Double.isNaN(stepPs)) throw error("no header line with the pitches and the slice step (4 numbers) before the first <cluster>");
            if (threads == 1) {
                while (line != null) {
                    Cluster c = new Cluster();
                    line = cluster(c);
                    out.write(c.text());
                }
                return;
            }
            // parse here, convolve and format on the pool, write in input order; at most 2 clusters per thread in flight
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            java.util.ArrayDeque<java.util.concurrent.Future<String>> inFlight = new java.util.ArrayDeque<>();
            try {
                while (line != null) {
                    Cluster c = new Cluster();
                    line = cluster(c);
                    inFlight.add(pool.submit(c::text));
                    if (inFlight.size() >= 2 * threads) out.write(await(inFlight.poll()));
                }
                while (!inFlight.isEmpty()) out.write(await(inFlight.poll()));
            } finally {
                pool.shutdownNow();
            }
        }

        private String await(java.util.concurrent.Future<String> result) throws IOException {
            try {
                return result.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new IOException(e.getCause());
            }
        }

        /** One parsed cluster; {@link #text} convolves and formats it (a pure computation, safe on any thread). */
        private final class Cluster {
            String[] meta;
            List<double[][]> slices;
            int rows;
            int cols;

            String text() {
                return format(meta, slices, rows, cols);
            }
        }

        /** Copies a header line; the one with 4 tokens whose 4th is numeric (the slice step) gets 200. */
        private String headerLine(String line) {
            String[] tokens = line.strip().split("\\s+");
            if (tokens.length == 4 && isNumber(tokens[3])) {
                stepPs = Double.parseDouble(tokens[3]);
                double ratio = OUTPUT_STEP_PS / stepPs;
                if (!(stepPs > 0) || ratio != Math.rint(ratio)) {
                    throw error("slice step " + tokens[3] + " ps does not divide the 200 ps output step");
                }
                stride = (int) ratio;
                stepSeconds = Double.parseDouble(tokens[3] + "e-12");
                table = PulseTable.resample(pulses, stepSeconds);
                samples = Numerics.samplesInWindow(stepSeconds, stride, WINDOW_SECONDS);
                return tokens[0] + " " + tokens[1] + " " + tokens[2] + " 200.000000";
            }
            return line;
        }

        /** Reads one cluster into {@code c} (the <cluster> line was just read); returns the next <cluster> line or null. */
        private String cluster(Cluster c) throws IOException {
            String meta = next();
            if (meta == null || meta.strip().startsWith("<")) throw error("expected the cluster's 9 meta numbers after <cluster>");
            String[] metaTokens = meta.strip().split("\\s+");
            if (metaTokens.length != 9) throw error("expected 9 meta numbers after <cluster>, got " + metaTokens.length);
            for (String t : metaTokens) if (!isNumber(t)) throw error("meta value '" + t + "' is not a number");
            List<double[][]> slices = new ArrayList<>();
            int rows = -1, cols = -1;
            String line = next();
            while (line != null && !line.strip().equals("<cluster>")) {
                String text = line.strip();
                if (text.isEmpty()) {
                    line = next();
                    continue;
                }
                if (!text.startsWith("<time slice")) throw error("expected '<time slice ... ps>', got '" + abbreviate(text) + "'");
                List<double[]> sliceRows = new ArrayList<>();
                for (line = next(); line != null && !line.strip().startsWith("<"); line = next()) {
                    if (line.isBlank()) continue;
                    double[] row = FastNumbers.parseRow(line, file, lineNo);
                    if (cols < 0) cols = row.length;
                    if (row.length != cols) throw error("row of " + row.length + " values where the cluster's rows have " + cols);
                    sliceRows.add(row);
                }
                if (rows < 0) rows = sliceRows.size();
                if (sliceRows.size() != rows || rows == 0) throw error("time slice of " + sliceRows.size() + " rows where the cluster has " + rows);
                slices.add(sliceRows.toArray(new double[0][]));
            }
            if (slices.isEmpty()) throw error("cluster without time slices");
            c.meta = metaTokens;
            c.slices = slices;
            c.rows = rows;
            c.cols = cols;
            return line;
        }

        private String format(String[] meta, List<double[][]> slices, int rows, int cols) {
            int n = slices.size();
            double[][][] response = new double[rows][cols][samples];
            double[] charge = new double[n];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    for (int k = 0; k < n; k++) charge[k] = slices.get(k)[i][j];
                    Numerics.respond(charge, table.pulses[table.nearest(charge[n - 1])], stepSeconds, stride, response[i][j]);
                }
            }
            StringBuilder text = new StringBuilder(64 + samples * rows * cols * 6);
            text.append("<cluster>\n").append(String.join(" ", meta)).append('\n');
            for (int s = 0; s < samples; s++) {
                text.append("<time slice ").append(String.format(Locale.ROOT, "%.6f", s * OUTPUT_STEP_PS)).append(" ps>\n");
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        if (j > 0) text.append(' ');
                        PythonFormat.oneDecimal(text, response[i][j][s]);
                    }
                    text.append('\n');
                }
            }
            return text.toString();
        }

        private String next() throws IOException {
            String line = in.readLine();
            if (line != null) lineNo++;
            return line;
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException(file + ":" + lineNo + ": " + message);
        }
    }

    static boolean isNumber(String token) {
        try {
            Double.parseDouble(token);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
