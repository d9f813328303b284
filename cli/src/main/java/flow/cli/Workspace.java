package flow.cli;

import flow.exec.ExecutorRegistry;
import flow.exec.Launcher;
import flow.exec.PipelineLoader;
import flow.exec.Progress;
import flow.run.Runs;
import flow.step.StepRegistry;

import java.nio.file.Path;

/** What every command works with: the launch directory, its runs, the steps, and how to load and launch. */
final class Workspace {
    final Path launchDir;
    final StepRegistry steps = StepRegistry.load();

    Workspace() {
        this.launchDir = Path.of("").toAbsolutePath();
    }

    Runs runs() {
        return new Runs(launchDir);
    }

    PipelineLoader loader() {
        return new PipelineLoader(steps, launchDir);
    }

    /** Launches from this directory, printing to the terminal. */
    Launcher launcher() {
        return launcher(System.out);
    }

    Launcher launcher(java.io.PrintStream out) {
        return new Launcher(launchDir, steps, ExecutorRegistry.load(), out, Progress.forConsole());
    }
}
