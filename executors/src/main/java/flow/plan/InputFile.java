package flow.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * An input file and what identifies its content cheaply: size and modification time. A result
 * also records its content digest, so that a file touched without change is known as unchanged.
 *
 * @param sha256 the content's SHA-256 where it was read (a task's result), else null (a plan)
 */
public record InputFile(String path, long size, long modified, String sha256) {
    public InputFile(String path, long size, long modified) {
        this(path, size, modified, null);
    }

    public static InputFile of(Path file) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            return new InputFile(file.toString(), attrs.size(), attrs.lastModifiedTime().toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read input " + file, e);
        }
    }

    public InputFile withDigest(String digest) {
        return new InputFile(path, size, modified, digest);
    }

    public String fingerprint() {
        return path + "\t" + size + "\t" + modified;
    }
}
