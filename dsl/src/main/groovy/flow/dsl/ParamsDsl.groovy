package flow.dsl

import groovy.transform.CompileStatic

/** Delegate of {@code params { name = default; ... }}: every assignment declares a parameter. */
@CompileStatic
class ParamsDsl {
    private final Map<String, Object> declared

    ParamsDsl(Map<String, Object> declared) {
        this.declared = declared
    }

    void propertyMissing(String name, Object value) {
        declared.put(name, PlainValues.of(value))
    }

    /** An earlier parameter of the block; anything else (projectDir, ...) is the script's. */
    Object propertyMissing(String name) {
        if (!declared.containsKey(name)) throw new MissingPropertyException(name, ParamsDsl)
        declared.get(name)
    }
}
