package flow.model;

import flow.util.Quantities;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The resources a stage's tasks ask for: the profile's, then the stage's, then the command
 * line's, merged by the planner after the validator checked every key and value
 * ({@link ResourceKey}). Each scheduler maps them to its own directives in one place.
 */
public final class Resources {
    private final Map<String, Object> values;

    public Resources(Map<String, ?> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A value as written (also what Groovy's {@code resources.account} reads), or null. */
    public Object get(String key) {
        return values.get(key);
    }

    public boolean isSet(String key) {
        return values.get(key) != null;
    }

    /** Whether a flag ({@code transferFiles}, ...) is set to true. */
    public boolean flag(String key) {
        return Boolean.TRUE.equals(values.get(key));
    }

    /** CPUs per task, 1 unless set. */
    public int cpus() {
        return values.get("cpus") instanceof Number n ? n.intValue() : 1;
    }

    /** Megabytes of a memory key (memory, memPerCpu, maxMemory, disk), if it is set. */
    public OptionalLong megabytes(String key) {
        return isSet(key) ? OptionalLong.of(Quantities.megabytes(values.get(key))) : OptionalLong.empty();
    }

    /**
     * The key that says how much memory to ask for: {@code memPerCpu} when set (it is the more
     * specific, and a command line's {@code --mem-per-cpu} must win over a profile's memory), else
     * {@code memory}. Every scheduler asks by this key.
     */
    public String memoryKey() {
        return isSet("memPerCpu") ? "memPerCpu" : "memory";
    }

    /**
     * The megabytes a task asks for in all when its {@link #memoryKey} request is
     * {@code requested}: a {@code memPerCpu} request counts once per CPU (HTCondor asks, and the
     * trace records, memory per job).
     */
    public long taskMegabytes(long requested) {
        return memoryKey().equals("memPerCpu") ? requested * cpus() : requested;
    }

    /** The time limit in whole minutes, if it is set. */
    public OptionalLong minutes() {
        return isSet("time") ? OptionalLong.of(Quantities.minutes(values.get("time"))) : OptionalLong.empty();
    }

    /** These resources with {@code changes} applied (a null value unsets a key). */
    public Resources with(Map<String, ?> changes) {
        Map<String, Object> changed = new LinkedHashMap<>(values);
        changed.putAll(changes);
        return new Resources(changed);
    }

    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Resources r && r.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
