package flow.exec.grid;

import flow.util.IndexRanges;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The batches of one batched array, for jobs whose scheduler gives them only an array index
 * (SLURM): one line per batch, its leader, a tab, its tasks ({@code 10\t10-19}).
 */
public final class BatchesFile {
    private BatchesFile() {}

    static String render(List<List<Integer>> batches) {
        StringBuilder lines = new StringBuilder();
        batches.forEach(b -> lines.append(b.get(0)).append('\t').append(IndexRanges.format(b)).append('\n'));
        return lines.toString();
    }

    /** The tasks of the batch led by {@code leader}. */
    public static List<Integer> tasksOf(Path file, int leader) {
        try {
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.split("\t");
                if (fields.length == 2 && fields[0].equals(String.valueOf(leader))) return IndexRanges.parse(fields[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the batches file " + file, e);
        }
        throw new IllegalArgumentException(file + ": no batch led by task " + leader);
    }
}
