package flow.exec;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** The executors on the class path, by name. */
public final class ExecutorRegistry {
    private final Map<String, Executor> executors = new TreeMap<>();

    private ExecutorRegistry() {}

    public static ExecutorRegistry load() {
        ExecutorRegistry registry = new ExecutorRegistry();
        for (Executor executor : ServiceLoader.load(Executor.class, ExecutorRegistry.class.getClassLoader())) {
            registry.executors.put(executor.name(), executor);
        }
        return registry;
    }

    public Executor get(String name) {
        return Optional.ofNullable(executors.get(name)).orElseThrow(() -> new IllegalArgumentException(
                "unknown executor '" + name + "' (known: " + String.join(", ", names()) + ")"));
    }

    /** The first of {@code preferred} that can submit from this machine; the last one otherwise. */
    public String firstAvailable(String... preferred) {
        for (String name : preferred) if (executors.containsKey(name) && executors.get(name).availableHere()) return name;
        return preferred[preferred.length - 1];
    }

    public Set<String> names() {
        return executors.keySet();
    }
}
