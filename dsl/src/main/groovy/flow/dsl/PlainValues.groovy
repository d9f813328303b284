package flow.dsl

import groovy.transform.CompileStatic

/** Values as the model keeps them: GStrings become Strings, in lists and maps too. */
@CompileStatic
class PlainValues {
    static Object of(Object value) {
        switch (value) {
            case GString: return value.toString()
            case Map: return ((Map) value).collectEntries { k, v -> [(String.valueOf(k)): of(v)] }
            case List: return ((List) value).collect { of(it) }
            default: return value
        }
    }
}
