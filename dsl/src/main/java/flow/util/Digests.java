package flow.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** SHA-256 of text and files, and a canonical form of values so that equal values hash equally. */
public final class Digests {
    private Digests() {}

    public static String sha256(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest md = digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) md.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Maps sorted by key at every depth; numbers as written; everything else as is. */
    public static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted;
        }
        if (value instanceof List<?> list) return list.stream().map(Digests::canonical).collect(Collectors.toList());
        if (value instanceof CharSequence s) return s.toString();
        return value;
    }

    /** One digest per thread, reset before each use: looking the algorithm up costs more than hashing a line. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    });

    private static MessageDigest digest() {
        MessageDigest md = SHA256.get();
        md.reset();
        return md;
    }
}
