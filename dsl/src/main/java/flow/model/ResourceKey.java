package flow.model;

import flow.util.Quantities;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every resource a profile, a stage or the command line may set, with the kind of value it
 * takes. A key not listed here is an error: a typo ({@code memroy}) must not submit a job
 * without its memory.
 */
public enum ResourceKey {
    CPUS("cpus", Kind.COUNT_FROM_1),
    GPUS("gpus", Kind.COUNT),
    MEMORY("memory", Kind.MEMORY),
    MEM_PER_CPU("memPerCpu", Kind.MEMORY),
    /** The most memory retries after out-of-memory may ask for (default: 8× the first request). */
    MAX_MEMORY("maxMemory", Kind.MEMORY),
    DISK("disk", Kind.MEMORY),
    TIME("time", Kind.DURATION),
    GRES("gres", Kind.TEXT),
    PARTITION("partition", Kind.TEXT),
    ACCOUNT("account", Kind.TEXT),
    QOS("qos", Kind.TEXT),
    CONSTRAINT("constraint", Kind.TEXT),
    /** Jobs outside the run that every array waits for, e.g. {@code afterok:123} (flow submit --dependency). */
    DEPENDENCY("dependency", Kind.TEXT),
    /** Extra {@code #SBATCH} lines, as written. */
    SBATCH("sbatch", Kind.LIST),
    /** Extra submit-file lines, as written. */
    CONDOR("condor", Kind.LIST),
    /** Variables for the steps' processes. */
    ENVIRONMENT("environment", Kind.MAP),
    GETENV("getenv", Kind.TEXT),
    FLAVOUR("flavour", Kind.TEXT),
    FLAVOUR_FROM_TIME("flavourFromTime", Kind.FLAG),
    NOTIFICATION("notification", Kind.TEXT),
    NOTIFY_USER("notifyUser", Kind.TEXT),
    /** No shared filesystem with the schedd: HTCondor transfers the files. */
    TRANSFER_FILES("transferFiles", Kind.FLAG),
    TRANSFER_INPUT("transferInput", Kind.LIST);

    enum Kind { COUNT, COUNT_FROM_1, MEMORY, DURATION, TEXT, FLAG, LIST, MAP }

    public final String key;
    private final Kind kind;

    ResourceKey(String key, Kind kind) {
        this.key = key;
        this.kind = kind;
    }

    public static Optional<ResourceKey> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(k -> k.key).toList();
    }

    /**
     * What is wrong with resources as written: unknown keys (with the nearest known ones) and
     * impossible values, each message starting with where that key was set.
     */
    public static List<String> check(Map<String, Object> resources, java.util.function.Function<String, String> where) {
        List<String> errors = new java.util.ArrayList<>();
        resources.forEach((key, value) -> {
            Optional<ResourceKey> known = of(key);
            if (known.isEmpty()) {
                errors.add(where.apply(key) + ": unknown resource '" + key + "'" + flow.util.Suggestions.didYouMean(key, keys())
                        + "; known: " + String.join(", ", keys()));
            } else {
                known.get().problem(value).ifPresent(problem -> errors.add(where.apply(key) + ": " + key + ": " + problem));
            }
        });
        return errors;
    }

    /** What is wrong with {@code value} for this key, or empty if nothing is. A null value unsets the key (YAML {@code gpus: ~}). */
    public Optional<String> problem(Object value) {
        if (value == null) return Optional.empty();
        String expected = switch (kind) {
            case COUNT -> isWhole(value, 0) ? null : "a whole number, 0 or more";
            case COUNT_FROM_1 -> isWhole(value, 1) ? null : "a whole number, 1 or more";
            case MEMORY -> positive(value, true) ? null : "an amount of memory such as 512m or 4g";
            case DURATION -> positive(value, false) ? null : "a time such as 30m, 2h, 1d or 01:30:00";
            case TEXT -> value instanceof String || value instanceof Number || value instanceof Boolean ? null : "a single value";
            case FLAG -> value instanceof Boolean ? null : "true or false";
            case LIST -> value instanceof List<?> l && l.stream().noneMatch(e -> e instanceof Map || e instanceof List) ? null : "a list of values";
            case MAP -> value instanceof Map<?, ?> ? null : "a mapping of names to values";
        };
        return Optional.ofNullable(expected).map(e -> "expected " + e + ", got '" + value + "'");
    }

    private static boolean isWhole(Object value, int min) {
        return (value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= min;
    }

    /** Whether memory (or time) parses and is more than nothing. */
    private static boolean positive(Object value, boolean memory) {
        if (value instanceof Boolean || value instanceof Map || value instanceof List) return false;
        try {
            return memory ? Quantities.megabytes(value) > 0 : Quantities.minutes(value) > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
