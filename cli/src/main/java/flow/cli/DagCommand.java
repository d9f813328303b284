package flow.cli;

import flow.model.PipelineSpec;
import flow.model.StageRef;
import flow.model.StageSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "dag", mixinStandardHelpOptions = true, description = "Print the stage graph as Mermaid text.")
final class DagCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "a parameter, as for flow run")
    Map<String, String> params = new LinkedHashMap<>();

    /** The graph needs no data: input files need not exist. */
    @Override
    public Integer call() {
        PipelineSpec spec = new Workspace().loader().loadShape(file, params);
        System.out.print(mermaid(spec));
        return 0;
    }

    /** Stages as nodes (ids s0, s1, ... so any stage name is safe), dependencies as arrows, cleanups dotted. */
    static String mermaid(PipelineSpec spec) {
        StringBuilder out = new StringBuilder("flowchart TD\n");
        Map<String, String> ids = new HashMap<>();
        for (StageSpec stage : spec.stages().values()) {
            String id = "s" + ids.size();
            ids.put(stage.name(), id);
            out.append("  ").append(id).append("[\"").append(stage.name().replace("\"", "#quot;"))
                    .append(" · ").append(stage.step().name()).append("\"]\n");
        }
        for (StageSpec stage : spec.stages().values()) {
            for (String dep : stage.dependencyNames()) out.append("  ").append(ids.get(dep)).append(" --> ").append(ids.get(stage.name())).append('\n');
            for (StageRef clean : stage.cleanup()) {
                out.append("  ").append(ids.get(stage.name())).append(" -. cleanup .-> ").append(ids.get(clean.name())).append('\n');
            }
        }
        return out.toString();
    }
}
