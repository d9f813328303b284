package flow.dsl

import groovy.transform.CompileStatic

import flow.model.Dataset
import flow.model.SourceLocation

import java.nio.file.Files
import java.nio.file.Path
import java.util.function.Supplier

/**
 * Evaluates an {@code inputs discover { ... }} closure, once per plan: it returns a map of
 * dataset names to their files (a path or a list of paths) or to their values (a map, whose
 * {@code files} entry, if any, lists the files). Datasets come sorted by name, so that a plan is
 * the same whatever order the closure found them in.
 */
@CompileStatic
final class Discovery implements Supplier<List<Dataset>> {
    private final Closure<?> closure
    private final SourceLocation at
    private final Path launchDir
    private List<Dataset> found

    Discovery(Closure<?> closure, SourceLocation at, Path launchDir) {
        this.closure = closure
        this.at = at
        this.launchDir = launchDir
    }

    @Override
    synchronized List<Dataset> get() {
        if (found == null) found = evaluate()
        found
    }

    private List<Dataset> evaluate() {
        Object result
        try {
            result = closure.call()
        } catch (Exception e) {
            throw new FlowDslException("$at: discover failed: ${e.message ?: e.class.simpleName}")
        }
        if (!(result instanceof Map)) {
            throw new FlowDslException("$at: discover must return a map of dataset names to files or values, got ${result == null ? 'nothing' : result.class.simpleName}")
        }
        ((Map<?, ?>) result).collect { name, value -> dataset(String.valueOf(name), value) }.sort { it.name() }
    }

    private Dataset dataset(String name, Object value) {
        if (name.isBlank()) throw new FlowDslException("$at: discover returned a dataset with a blank name")
        if (value instanceof Map) {
            Map<String, Object> values = new LinkedHashMap<>()
            List<Path> files = []
            ((Map<?, ?>) value).each { k, v ->
                if (k == 'files') files = paths(name, v)
                else if (k == Dataset.NAME) throw new FlowDslException("$at: dataset '$name': '${Dataset.NAME}' is the dataset's name, not a value to give")
                else values.put(String.valueOf(k), PlainValues.of(v))
            }
            return new Dataset(name, files, values)
        }
        new Dataset(name, paths(name, value), [:])
    }

    private List<Path> paths(String name, Object value) {
        List<?> items = value instanceof Collection ? value as List : [value]
        items.collect { item ->
            if (!(item instanceof CharSequence || item instanceof Path || item instanceof File)) {
                throw new FlowDslException("$at: dataset '$name': expected file paths or a map of values, got ${item == null ? 'null' : item.class.simpleName}")
            }
            Path file = launchDir.resolve(item.toString()).toAbsolutePath().normalize()
            if (!Files.exists(file)) throw new FlowDslException("$at: dataset '$name': no file $file")
            file
        }.sort()
    }
}
