package flow.cli;

import flow.submit.SpineProdImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Convert another system's pipeline to .flow on standard output: flow import spine-prod PIPELINE.yaml > pipeline.flow")
final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FORMAT", description = "spine-prod")
    String format;

    @Parameters(index = "1", paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("spine-prod")) throw new IllegalArgumentException("unknown format '" + format + "' (known: spine-prod)");
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + " does not exist");
        Workspace ws = new Workspace();
        System.out.print(new SpineProdImport(file, ws.launchDir, ws.loader().profiles()).convert(Files.readString(file)));
        return 0;
    }
}
