package flow.dsl

import groovy.transform.CompileStatic

/** Applies {@code --param k=v} values, coerced to the type of the declared default. */
@CompileStatic
class ParamOverrides {
    static void apply(Map<String, Object> declared, Map<String, String> overrides, String where) {
        List<String> errors = []
        overrides.each { key, text ->
            if (!declared.containsKey(key)) {
                errors << "$where: unknown parameter '$key' given with --param or --params-file${flow.util.Suggestions.didYouMean(key, declared.keySet())} (declared: ${declared.keySet().join(', ') ?: 'none'})".toString()
                return
            }
            try {
                declared.put(key, coerce(text, declared.get(key)))
            } catch (IllegalArgumentException e) {
                errors << "$where: --param $key=$text: ${e.message}".toString()
            }
        }
        if (errors) throw new FlowDslException(errors)
    }

    static Object coerce(String text, Object like) {
        switch (like) {
            case Integer: return parse(text, 'an integer') { String s -> Integer.valueOf(s) }
            case Long: return parse(text, 'an integer') { String s -> Long.valueOf(s) }
            case BigDecimal: return parse(text, 'a number') { String s -> new BigDecimal(s) }
            case Double: case Float: return parse(text, 'a number') { String s -> Double.valueOf(s) }
            case Boolean:
                if (text in ['true', 'false']) return Boolean.valueOf(text)
                throw new IllegalArgumentException('expected true or false')
            case List:
                List<Object> items = text.split(',').collect { String s -> s.trim() } as List<Object>
                Object first = ((List) like) ? ((List) like)[0] : null
                return first == null || first instanceof String ? items : items.collect { coerce((String) it, first) }
            default: return text
        }
    }

    private static Object parse(String text, String expected, Closure<Object> parser) {
        try {
            return parser.call(text.trim())
        } catch (NumberFormatException ignored) {
            throw new IllegalArgumentException("expected $expected".toString())
        }
    }
}
