package flow.profile;

import flow.util.FlowHome;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

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
 * Every key keeps the file and line that set it, for errors. A file's {@code defaults:} (a site's
 * account) reach only the profiles and detectors that file defines: a site's account must not
 * follow a pipeline to another site.
 */
public final class Profiles {
    private final Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> detectors = new LinkedHashMap<>();
    /** Per entry ("profiles/name", "detectors/name"), "file:line" of each of its keys ("": of the entry). */
    private final Map<String, Map<String, String>> lines = new LinkedHashMap<>();
    /** Per entry, the defaults of the files that define it. */
    private final Map<String, Map<String, Object>> siteDefaults = new LinkedHashMap<>();

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

    /** Where {@code key} of profile {@code name} was set, "file:line"; the profile's own line if the key is not set. */
    public String where(String name, String key) {
        return lineOf("profiles/" + name, key, name);
    }

    /** Where {@code key} of detector {@code name} was set, "file:line". */
    public String detectorWhere(String name, String key) {
        return lineOf("detectors/" + name, key, name);
    }

    private String lineOf(String entry, String key, String name) {
        Map<String, String> keys = lines.getOrDefault(entry, Map.of());
        return keys.getOrDefault(key, keys.getOrDefault("", name));
    }

    /**
     * A site default ({@code defaults:}, e.g. the account) for a detector's pipeline or, without a
     * detector, for a profile: only the defaults of the files that define it.
     */
    public Optional<Object> siteDefault(String profile, String detector, String key) {
        Map<String, Object> defaults = siteDefaults.getOrDefault(detector != null ? "detectors/" + detector : "profiles/" + profile, Map.of());
        return Optional.ofNullable(defaults.get(key));
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

    private void merge(Path source) {
        Object root;
        Node tree;
        try {
            String text = Files.readString(source);
            Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
            root = yaml.load(text);
            tree = yaml.compose(new java.io.StringReader(text));
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
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (top.get("defaults") instanceof Map<?, ?> d) d.forEach((k, v) -> defaults.put(String.valueOf(k), v));
        mergeSection(source, top.get("detectors"), "detector", detectors);
        mergeSection(source, top.get("profiles"), "profile", byName);
        keyLines(source, tree).forEach((entry, keys) -> {
            lines.computeIfAbsent(entry, k -> new LinkedHashMap<>()).putAll(keys);
            siteDefaults.computeIfAbsent(entry, k -> new LinkedHashMap<>()).putAll(defaults);
        });
    }

    /**
     * "file:line" of every key of every entry of the {@code profiles:} and {@code detectors:}
     * sections, by "section/name" (the key "" is the entry's own line).
     */
    private static Map<String, Map<String, String>> keyLines(Path source, Node tree) {
        Map<String, Map<String, String>> lines = new LinkedHashMap<>();
        if (!(tree instanceof MappingNode top)) return lines;
        for (NodeTuple section : top.getValue()) {
            if (!(section.getKeyNode() instanceof ScalarNode name) || !(section.getValueNode() instanceof MappingNode entries)
                    || !List.of("profiles", "detectors").contains(name.getValue())) continue;
            for (NodeTuple entry : entries.getValue()) {
                if (!(entry.getKeyNode() instanceof ScalarNode entryName)) continue;
                Map<String, String> keys = new LinkedHashMap<>();
                keys.put("", source + ":" + (entryName.getStartMark().getLine() + 1));
                if (entry.getValueNode() instanceof MappingNode values) {
                    for (NodeTuple value : values.getValue()) {
                        if (value.getKeyNode() instanceof ScalarNode key) keys.put(key.getValue(), source + ":" + (key.getStartMark().getLine() + 1));
                    }
                }
                lines.put(name.getValue() + "/" + entryName.getValue(), keys);
            }
        }
        return lines;
    }

    @SuppressWarnings("unchecked")
    private static void mergeSection(Path source, Object section, String what, Map<String, Map<String, Object>> into) {
        if (!(section instanceof Map<?, ?> entries)) return;
        for (var entry : entries.entrySet()) {
            if (!(entry.getValue() instanceof Map<?, ?> values)) {
                throw new IllegalArgumentException(source + ": " + what + " '" + entry.getKey() + "' must be a mapping"
                        + ("profile".equals(what) ? " of resources" : ""));
            }
            into.computeIfAbsent(String.valueOf(entry.getKey()), k -> new LinkedHashMap<>()).putAll((Map<String, Object>) values);
        }
    }
}
