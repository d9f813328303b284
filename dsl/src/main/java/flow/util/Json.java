package flow.util;

import groovy.json.JsonGenerator;
import groovy.json.JsonOutput;
import groovy.json.JsonSlurper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** JSON in and out. Maps keep their order, so files are byte-deterministic. */
public final class Json {
    private static final JsonGenerator GENERATOR = new JsonGenerator.Options().disableUnicodeEscaping().build();

    private Json() {}

    public static String compact(Object value) {
        return GENERATOR.toJson(value);
    }

    public static String pretty(Object value) {
        return JsonOutput.prettyPrint(compact(value)) + "\n";
    }

    public static Object parse(String text) {
        return new JsonSlurper().parseText(text);
    }

    /** Reads a JSON object; throws {@link IllegalArgumentException} naming the file if it is not one. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try {
            Object value = parse(text);
            if (value instanceof Map<?, ?> map) return (Map<String, Object>) map;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        throw new IllegalArgumentException(file + ": expected a JSON object");
    }
}
