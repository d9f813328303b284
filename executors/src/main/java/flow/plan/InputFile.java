package flow.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * An input file and what identifies its content cheaply: size and modification time. Any change
 * of either counts as a changed input (a touched file runs again, which is safe).
 */
public record InputFile(String path, long size, long modified) {
    public static InputFile of(Path file) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            return new InputFile(file.toString(), attrs.size(), attrs.lastModifiedTime().toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read input " + file, e);
        }
    }

    public String fingerprint() {
        return path + "\t" + size + "\t" + modified;
    }
}
