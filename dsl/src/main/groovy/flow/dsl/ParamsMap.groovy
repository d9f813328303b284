package flow.dsl

import groovy.transform.CompileStatic

/** Pipeline parameters: reading one that was never declared is an error, not a silent null. */
@CompileStatic
class ParamsMap extends LinkedHashMap<String, Object> {
    @Override
    Object get(Object key) {
        if (!containsKey(key)) {
            throw new MissingPropertyException("unknown parameter params.${key} (declared: ${keySet().join(', ') ?: 'none'})".toString())
        }
        super.get(key)
    }
}
