package flow.run;

import flow.plan.InputFile;
import flow.plan.PlannedTask;
import flow.remote.Xrootd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A task's remote inputs ({@code root://}), copied by {@code xrdcp} into {@code staged/} in its
 * task directory just before its step runs — on whatever node runs the task — each verified
 * against the checksum it was planned with, and deleted when the task ends. Local inputs are
 * left where they are.
 */
final class StagedInputs implements AutoCloseable {
    private final Path taskDir;
    private final Path dir;
    private final PlannedTask staged;

    private StagedInputs(Path taskDir, Path dir, PlannedTask staged) {
        this.taskDir = taskDir;
        this.dir = dir;
        this.staged = staged;
    }

    /** Stages nothing: the step streams the task's remote inputs. */
    static StagedInputs none(PlannedTask task) {
        return new StagedInputs(null, null, task);
    }

    /** Copies the task's remote inputs; a task without any is returned as it is. */
    static StagedInputs fetch(PlannedTask task, Path taskDir) throws IOException, InterruptedException {
        Path dir = taskDir.resolve("staged");
        if (task.files().stream().noneMatch(InputFile::remote)) return new StagedInputs(taskDir, null, task);
        SafeDelete.deleteInside(taskDir, dir);
        List<InputFile> local = new ArrayList<>(task.files().size());
        for (int i = 0; i < task.files().size(); i++) {
            InputFile f = task.files().get(i);
            if (!f.remote()) {
                local.add(f);
                continue;
            }
            Xrootd.RemoteFile remote = f.remoteFile();
            // one directory per input keeps each file's own name (steps name outputs after inputs)
            Path copy = Files.createDirectories(dir.resolve(Integer.toString(i))).resolve(remote.url().name());
            Xrootd.download(remote, copy);
            local.add(new InputFile(copy.toString(), f.size(), f.modified()));
        }
        return new StagedInputs(taskDir, dir, task.withFiles(local));
    }

    /** The task as its step sees it: remote inputs replaced by their local copies. */
    PlannedTask task() {
        return staged;
    }

    @Override
    public void close() {
        if (dir != null) SafeDelete.deleteInside(taskDir, dir);
    }
}
