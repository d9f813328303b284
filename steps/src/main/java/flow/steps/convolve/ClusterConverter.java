package flow.steps.convolve;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
    /** Output slice labels; the window holds at most 31 output slices of 200 ps. */
    private static final String[] SLICE_LABELS = java.util.stream.IntStream.range(0, 64)
            .mapToObj(s -> "<time slice " + String.format(Locale.ROOT, "%.6f", s * OUTPUT_STEP_PS) + " ps>\n").toArray(String[]::new);

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
        try (AsciiLines in = reader(input);
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
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

    private static AsciiLines reader(Path input) throws IOException {
        InputStream raw = Files.newInputStream(input);
        return new AsciiLines(input.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw);
    }

    /** One pass over one file. */
    private final class Conversion {
        private final Path file;
        private final AsciiLines in;
        private final OutputStream out;
        private int lineNo;
        private String pending;
        private double stepPs = Double.NaN;
        private double stepSeconds;
        private PulseTable table;
        private int stride;
        private int samples;

        Conversion(Path file, AsciiLines in, OutputStream out) {
            this.file = file;
            this.in = in;
            this.out = out;
        }

        void run() throws IOException {
            String line;
            while ((line = next()) != null && !line.strip().equals("<cluster>")) write(headerLine(line) + "\n");
            if (line == null) return; // no cluster: a header-only output
            if (Double.isNaN(stepPs)) throw error("no header line with the pitches and the slice step (4 numbers) before the first <cluster>");
            if (threads == 1) {
                while (line != null) {
                    Cluster c = new Cluster();
                    line = cluster(c);
                    write(c.text());
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
                    if (inFlight.size() >= 2 * threads) write(await(inFlight.poll()));
                }
                while (!inFlight.isEmpty()) write(await(inFlight.poll()));
            } finally {
                pool.shutdownNow();
            }
        }

        /** Text is ASCII: its Latin-1 bytes are a plain copy. */
        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
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

        /** One cluster's lines; {@link #text} parses, convolves and formats it (safe on any thread). */
        private final class Cluster {
            String[] meta;
            List<String> rowLines;
            List<Integer> rowNumbers;
            int rows;

            String text() {
                List<double[][]> slices = parse(this);
                return format(meta, slices, rows, slices.get(0)[0].length);
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
            List<String> rowLines = new ArrayList<>();
            List<Integer> rowNumbers = new ArrayList<>();
            int rows = -1, slices = 0;
            String line = next();
            while (line != null && !line.strip().equals("<cluster>")) {
                String text = line.strip();
                if (text.isEmpty()) {
                    line = next();
                    continue;
                }
                if (!text.startsWith("<time slice")) throw error("expected '<time slice ... ps>', got '" + abbreviate(text) + "'");
                int sliceRows = 0;
                for (line = next(); line != null && firstVisible(line) != '<'; line = next()) {
                    if (firstVisible(line) == 0) continue;
                    rowLines.add(line);
                    rowNumbers.add(lineNo);
                    sliceRows++;
                }
                if (rows < 0) rows = sliceRows;
                if (sliceRows != rows || rows == 0) throw error("time slice of " + sliceRows + " rows where the cluster has " + rows);
                slices++;
            }
            if (slices == 0) throw error("cluster without time slices");
            c.meta = metaTokens;
            c.rowLines = rowLines;
            c.rowNumbers = rowNumbers;
            c.rows = rows;
            return line;
        }

        /** The rows' numbers, slice by slice; a row of another length than the first is an error at its line. */
        private List<double[][]> parse(Cluster c) {
            List<double[][]> slices = new ArrayList<>();
            int cols = -1;
            for (int first = 0; first < c.rowLines.size(); first += c.rows) {
                double[][] slice = new double[c.rows][];
                for (int r = 0; r < c.rows; r++) {
                    int lineNumber = c.rowNumbers.get(first + r);
                    double[] row = FastNumbers.parseRow(c.rowLines.get(first + r), file, lineNumber);
                    if (cols < 0) cols = row.length;
                    if (row.length != cols) {
                        throw new IllegalArgumentException(file + ":" + lineNumber + ": row of " + row.length + " values where the cluster's rows have " + cols);
                    }
                    slice[r] = row;
                }
                slices.add(slice);
            }
            return slices;
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
                text.append(SLICE_LABELS[s]);
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
            String line = in.next();
            if (line != null) lineNo++;
            return line;
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException(file + ":" + lineNo + ": " + message);
        }
    }

    /** The first character that is not a space or tab; 0 for a blank line. */
    static char firstVisible(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != ' ' && c != '\t') return c;
        }
        return 0;
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
