package flow.dsl;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML file of named values (a scan, a parameter file), each value typed as YAML says and
 * rendered exactly as written: an integer is an Integer or Long, a decimal a BigDecimal of its
 * text ({@code 0.001} stays {@code 0.001}, {@code 1.50} stays {@code 1.50}), {@code true} and
 * {@code false} are Booleans, and any value whose type would not render as written ({@code False},
 * {@code yes}, {@code 1e-3}, {@code 0x1F}) keeps its text, as a String. Lists are lists of such
 * values. A scan file may also sort its names into {@code axes:} and {@code fixed:} sections.
 * Errors name the file and line.
 */
public final class YamlValues {
    private YamlValues() {}

    /** The top-level mapping of {@code file}, in its order. */
    public static Map<String, Object> load(Path file) {
        Node root;
        try (Reader in = Files.newBufferedReader(file)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(in);
        } catch (MarkedYAMLException e) {
            throw new FlowDslException(file + ":" + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem());
        } catch (IOException e) {
            throw new FlowDslException(file + ": cannot read: " + e.getMessage());
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new FlowDslException(file + ":1: expected a mapping of names to values (name: value or name: [values])");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (NodeTuple entry : mapping.getValue()) {
            if (!(entry.getKeyNode() instanceof ScalarNode key)) throw error(file, entry.getKeyNode(), "a name");
            boolean section = SECTIONS.contains(key.getValue()) && entry.getValueNode() instanceof MappingNode;
            values.put(key.getValue(), section ? names(file, (MappingNode) entry.getValueNode()) : value(file, entry.getValueNode()));
        }
        return values;
    }

    /** A scan file's sections ({@code axes:} and {@code fixed:}), each a mapping of names to values. */
    private static final java.util.Set<String> SECTIONS = java.util.Set.of("axes", "fixed");

    private static Map<String, Object> names(Path file, MappingNode mapping) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (NodeTuple entry : mapping.getValue()) {
            if (!(entry.getKeyNode() instanceof ScalarNode key)) throw error(file, entry.getKeyNode(), "a name");
            values.put(key.getValue(), value(file, entry.getValueNode()));
        }
        return values;
    }

    private static Object value(Path file, Node node) {
        if (node instanceof SequenceNode list) {
            List<Object> items = new ArrayList<>();
            for (Node item : list.getValue()) {
                if (!(item instanceof ScalarNode)) throw error(file, item, "a plain value in the list");
                items.add(scalar(((ScalarNode) item).getValue(), item.getTag()));
            }
            return items;
        }
        if (node instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) return scalar(scalar.getValue(), scalar.getTag());
        throw error(file, node, "a value or a list of values");
    }

    /** A plain text (a CSV cell) typed as the same text in YAML would be, rendered as written. */
    public static Object typed(String text) {
        return scalar(text, new org.yaml.snakeyaml.resolver.Resolver().resolve(org.yaml.snakeyaml.nodes.NodeId.scalar, text, true));
    }

    private static Object scalar(String text, Tag tag) {
        Object typed = text;
        try {
            if (tag.equals(Tag.INT)) {
                long n = Long.parseLong(text);
                typed = n == (int) n ? (Object) (int) n : (Object) n;
            } else if (tag.equals(Tag.FLOAT)) {
                typed = new BigDecimal(text);
            } else if (tag.equals(Tag.BOOL)) {
                typed = Boolean.valueOf(text);
            }
        } catch (NumberFormatException notPlain) {
            return text; // 0x1F, 1_000, .inf: kept as written
        }
        return String.valueOf(typed).equals(text) ? typed : text;
    }

    private static FlowDslException error(Path file, Node node, String expected) {
        return new FlowDslException(file + ":" + (node.getStartMark().getLine() + 1) + ": expected " + expected);
    }
}
