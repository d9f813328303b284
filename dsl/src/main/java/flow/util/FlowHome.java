package flow.util;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where flow is installed: the checkout holding profiles/ and workflows/. */
public final class FlowHome {
    private FlowHome() {}

    /** {@code -Dflow.home} (set by the launcher), else found from where this class was loaded. */
    public static Path get() {
        String property = System.getProperty("flow.home");
        if (property != null && !property.isBlank()) return Path.of(property).toAbsolutePath().normalize();
        try {
            Path p = Path.of(FlowHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("profiles")) && Files.isRegularFile(p.resolve("pom.xml"))) return p;
            }
        } catch (URISyntaxException | SecurityException e) {
            // fall through: no home found
        }
        throw new IllegalStateException("cannot find the flow installation: set -Dflow.home");
    }
}
