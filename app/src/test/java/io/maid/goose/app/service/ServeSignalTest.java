package io.maid.goose.app.service;

import io.maid.goose.app.GooseMain;
import io.maid.goose.testkit.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code goose serve} in a child JVM, stopped the way an operator or a container runtime stops it: with
 * SIGTERM ({@link Process#destroy()} sends it on POSIX systems).
 */
@DisabledOnOs(OS.WINDOWS)
class ServeSignalTest {
    private static final String KEY = "serve-signal-key-0123456789";
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    @Test
    void sigtermOnAnIdleServiceSaysNoRunIsActiveAndClosesStreamClientsWithGoingAway(@TempDir Path dir) throws Exception {
        Path settings = Files.writeString(dir.resolve("settings.json"), """
                {"server": {"port": 0},
                 "persistence": {"database_path": "%s", "report_dir": "%s", "data_dir": "%s"},
                 "security": {"api_keys": [{"subject": "ops", "sha256": "%s", "scopes": ["read:loadtests"]}]}}
                """.formatted(dir.resolve("data/goose.db"), dir.resolve("reports"), dir.resolve("data"),
                AdminKeyBootstrap.sha256Hex(KEY)));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process serve = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                GooseMain.class.getName(), "serve", "--config", settings.toString())
                .directory(dir.toFile()).redirectError(dir.resolve("stderr.txt").toFile()).start();
        try (HttpClient http = HttpClient.newHttpClient()) {
            String baseUrl = baseUrl(serve);
            StreamRecorder stream = StreamRecorder.connect(http, baseUrl, KEY);
            Await.until(() -> !stream.envelopes.isEmpty(), Duration.ofSeconds(10), "the Status on connect");

            serve.destroy();

            Await.until(() -> stream.closeCode != -1, Duration.ofSeconds(20), "the close frame");
            assertEquals(1001, stream.closeCode, "going away, not an abnormal closure");
            assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "the service exits after SIGTERM");
            assertEquals(0, serve.exitValue());
            String err = Files.readString(dir.resolve("stderr.txt"));
            assertTrue(err.contains("SIGTERM received: no run is active; shutting down"), err);
            assertFalse(err.contains("stopping the run gracefully"), err);
        } finally {
            serve.destroyForcibly();
        }
    }

    /** Reads the child's stdout until it says where it listens; the rest of stdout is drained in the background. */
    private static String baseUrl(Process serve) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = new CompletableFuture<>();
        // its own thread: the common pool may have a single, busy worker on a small machine
        Thread.ofVirtual().start(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                        return;
                    }
                }
                url.complete(null);
            } catch (Exception e) {
                url.complete(null);
            }
        });
        String found = url.get(60, TimeUnit.SECONDS);
        assertTrue(found != null, "goose serve printed no URL");
        Thread.ofVirtual().start(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (Exception ignored) {
                // the child is gone
            }
        });
        return found;
    }
}
