package io.maid.goose.app.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * First start with no credentials configured: generates a random admin API key holding both scopes,
 * stores only its SHA-256 hash in {@code <data_dir>/admin-api-key.json} (mode 0600), and prints the key
 * once. Later starts load the stored hash and never print the key again; delete the file to get a new one.
 */
public final class AdminKeyBootstrap {
    static final String FILE_NAME = "admin-api-key.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    /** The stored form: never the key itself. */
    public record StoredKey(String subject, String sha256, List<String> scopes, String createdAt) {
    }

    private AdminKeyBootstrap() {
    }

    public static StoredKey ensure(Path dataDir, PrintStream out) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.isRegularFile(file)) {
                StoredKey k = JSON.readValue(file.toFile(), StoredKey.class);
                out.println("goose serve: using the generated admin API key whose hash is in " + file
                        + " (printed at first start; delete that file to generate a new one)");
                return k;
            }
            Files.createDirectories(dataDir);
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            String key = "goose_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            StoredKey stored = new StoredKey("admin", sha256Hex(key), List.of("read:loadtests", "write:loadtests"),
                    java.time.Instant.now().toString());
            writePrivate(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(stored));
            out.println("goose serve: no credentials are configured, so an admin API key was generated.");
            out.println("goose serve: it is shown ONCE; only its hash is stored (" + file + "):");
            out.println();
            out.println("    x-api-key: " + key);
            out.println();
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the admin API key under " + dataDir, e);
        }
    }

    private static void writePrivate(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(content));
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The stored form of a key: the same hash the API's static-key check compares against. */
    public static String sha256Hex(String key) {
        return io.maid.goose.adapter.http.helidon.auth.StaticApiKeyIntrospector.sha256Hex(key);
    }
}
