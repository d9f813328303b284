package flow.dsl

import groovy.transform.CompileStatic

/** Pipeline parameters as the script reads them: an undeclared one is an error, not a silent null. */
@CompileStatic
class ParamsMap extends LinkedHashMap<String, Object> {
    ParamsMap(Map<String, Object> values) {
        super(values)
    }

    @Override
    Object get(Object key) {
        if (!containsKey(key)) {
            throw new MissingPropertyException("unknown parameter params.${key}${flow.util.Suggestions.didYouMean(key as String, keySet())} (declared: ${keySet().join(', ') ?: 'none'})".toString())
        }
        super.get(key)
    }
}
