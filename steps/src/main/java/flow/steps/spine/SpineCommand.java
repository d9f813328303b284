package flow.steps.spine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The argv that launches SPINE for one task, built as a list (rendered with quoting only for
 * logs and dry runs): the new CLI {@code spine -c CFG -S LIST --output-dir OUT --output-suffix
 * STEM --log-dir LOGS [--set k=v]...} or the old {@code python3 $SPINE_BASEDIR/bin/run.py -c CFG
 * -S LIST -o OUT/NAME.h5}; inside {@code singularity|apptainer exec --nv --bind ...} when an image
 * is given, through {@code bash -c} when LArCV or OpT0Finder set-up scripts must be sourced first.
 *
 * @param oldCli     use bin/run.py instead of the spine command
 * @param image      container image, or null to run on the host
 * @param runtime    singularity or apptainer
 * @param binds      paths bound into the container
 * @param setup      scripts sourced before SPINE (LArCV's, OpT0Finder's configure.sh)
 * @param spineBase  $SPINE_BASEDIR, for the old CLI
 */
record SpineCommand(Path config, Path inputList, Path outDir, Path logDir, Map<String, String> sets, boolean oldCli, String spineBase,
                    String image, String runtime, List<String> binds, List<String> setup) {
    List<String> argv() {
        List<String> spine = new ArrayList<>();
        String stem = config.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        if (oldCli) {
            spine.addAll(List.of("python3", spineBase + "/bin/run.py", "-c", config.toString(), "-S", inputList.toString(),
                    "-o", outDir.resolve(stem + ".h5").toString()));
        } else {
            spine.addAll(List.of("spine", "-c", config.toString(), "-S", inputList.toString(), "--output-dir", outDir.toString(),
                    "--output-suffix", stem, "--log-dir", logDir.toString()));
        }
        sets.forEach((k, v) -> spine.addAll(List.of("--set", k + "=" + v)));
        List<String> inner = spine;
        if (!setup.isEmpty()) {
            StringBuilder script = new StringBuilder();
            for (String s : setup) script.append("source ").append(flow.util.Shell.quote(s)).append(" && ");
            script.append("exec ").append(flow.util.Shell.quoteAll(spine));
            inner = List.of("bash", "-c", script.toString());
        }
        if (image == null) return inner;
        List<String> argv = new ArrayList<>(List.of(runtime, "exec", "--nv"));
        for (String b : binds) argv.addAll(List.of("--bind", b));
        argv.add(image);
        argv.addAll(inner);
        return argv;
    }
}
