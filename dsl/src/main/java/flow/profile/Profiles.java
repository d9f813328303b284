package flow.profile;

import flow.util.FlowHome;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Named resource profiles from YAML. Later sources override earlier ones key by key: the
 * profiles shipped in {@code <flow home>/profiles/*.yaml}, then the user's
 * {@code ~/.flow/profiles.yaml}, then the project's {@code profiles.yaml} in the launch directory.
 * <pre>
 * profiles:
 *   default: { cpus: 1, memory: 1g, time: 1h }
 * </pre>
 */
public final class Profiles {
    private final Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> detectors = new LinkedHashMap<>();
    private final Map<String, Object> defaults = new LinkedHashMap<>();

    public static Profiles load(Path launchDir) {
        List<Path> sources = new ArrayList<>();
        Path shipped = FlowHome.get().resolve("profiles");
        try (Stream<Path> files = Files.list(shipped)) {
            files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(sources::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + shipped, e);
        }
        sources.add(Path.of(System.getProperty("user.home"), ".flow", "profiles.yaml"));
        sources.add(launchDir.resolve("profiles.yaml"));
        Profiles profiles = new Profiles();
        for (Path source : sources) {
            if (Files.isRegularFile(source)) profiles.merge(source);
        }
        return profiles;
    }

    public Optional<Map<String, Object>> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<String> names() {
        return byName.keySet().stream().sorted().toList();
    }

    /** A detector's defaults ({@code default_profile}, {@code account}, ...), from the {@code detectors:} sections. */
    public Optional<Map<String, Object>> detector(String name) {
        return Optional.ofNullable(detectors.get(name));
    }

    public List<String> detectorNames() {
        return detectors.keySet().stream().sorted().toList();
    }

    /** Site-wide defaults (the {@code defaults:} sections), e.g. the account to use when nothing else gives one. */
    public Map<String, Object> defaults() {
        return defaults;
    }

    /**
     * The detector a path belongs to: a detector whose name is one of the path's components,
     * exactly ({@code infer/2x2-single/x.cfg} is 2x2-single, never 2x2); the deepest such component wins.
     */
    public Optional<String> detectorOf(Path path) {
        String found = null;
        for (Path part : path) if (detectors.containsKey(part.toString())) found = part.toString();
        return Optional.ofNullable(found);
    }

    @SuppressWarnings("unchecked")
    private void merge(Path source) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(source));
        } catch (MarkedYAMLException e) {
            throw new IllegalArgumentException(source + ":" + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        if (root == null) return;
        if (!(root instanceof Map<?, ?> top) || !(top.get("profiles") instanceof Map || top.get("detectors") instanceof Map
                || top.get("defaults") instanceof Map)) {
            throw new IllegalArgumentException(source + ": expected a top-level 'profiles:' mapping of name to resources"
                    + " (and optionally 'detectors:' and 'defaults:')");
        }
        mergeSection(source, top.get("detectors"), "detector", detectors);
        if (top.get("defaults") instanceof Map<?, ?> d) d.forEach((k, v) -> defaults.put(String.valueOf(k), v));
        Map<?, ?> profiles = top.get("profiles") instanceof Map<?, ?> m ? m : Map.of();
        for (var entry : profiles.entrySet()) {
            if (!(entry.getValue() instanceof Map<?, ?> resources)) {
                throw new IllegalArgumentException(source + ": profile '" + entry.getKey() + "' must be a mapping of resources");
            }
            byName.computeIfAbsent(String.valueOf(entry.getKey()), k -> new LinkedHashMap<>())
                    .putAll((Map<String, Object>) resources);
        }
    }

    @SuppressWarnings("unchecked")
    private static void mergeSection(Path source, Object section, String what, Map<String, Map<String, Object>> into) {
        if (!(section instanceof Map<?, ?> entries)) return;
        for (var entry : entries.entrySet()) {
            if (!(entry.getValue() instanceof Map<?, ?> values)) {
                throw new IllegalArgumentException(source + ": " + what + " '" + entry.getKey() + "' must be a mapping");
            }
            into.computeIfAbsent(String.valueOf(entry.getKey()), k -> new LinkedHashMap<>()).putAll((Map<String, Object>) values);
        }
    }
}
