package flow.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --param k=v} and {@code --params-file F}: the params values a command is given, as text typed like each default. */
final class ParamsOptions {
    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "override a params value (typed like its default)")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--params-file", paramLabel = "FILE", description = "params values from a YAML file (name: value, or name: [values] for a list); --param wins")
    Path paramsFile;

    /** The file's values (each as written; a list's joined by commas, as --param takes one), then --param's. */
    Map<String, String> resolve() {
        Map<String, String> all = new LinkedHashMap<>();
        if (paramsFile != null) {
            flow.dsl.YamlValues.load(paramsFile).forEach((name, value) -> all.put(name, value instanceof List<?> list
                    ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value)));
        }
        all.putAll(params);
        return all;
    }
}
