package flow.cli;

import flow.model.PipelineSpec;
import flow.report.GraphFormats;
import flow.report.StageGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "dag", mixinStandardHelpOptions = true,
        description = "Print the stage graph: Mermaid text, Graphviz dot, or SVG (drawn by flow, no tool needed); cleanup hooks dashed.")
final class DagCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "a parameter, as for flow run")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "mermaid", description = "mermaid (default), dot or svg")
    String format;

    /** The graph needs no data: input files need not exist. */
    @Override
    public Integer call() {
        if (!GraphFormats.NAMES.contains(format)) {
            throw new IllegalArgumentException("--format " + format + ": expected one of " + String.join(", ", GraphFormats.NAMES));
        }
        PipelineSpec spec = new Workspace().loader().loadShape(file, params);
        System.out.print(GraphFormats.render(StageGraph.of(spec), format));
        return 0;
    }
}
