package io.maid.goose.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.app.GooseMain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code ./goose} script keeps stdout for the command: {@code ./goose schema > s.json} from a state that
 * needs a build writes only the schema. The real script runs the real CLI; only Maven is replaced, by a
 * stand-in that writes what Maven 3.8 writes (colour codes and jansi's reset sequence on stdout and stderr)
 * and then puts a jar in place, so the test needs no build of its own and takes a second or two.
 */
class GooseScriptStdoutTest {
    private static final byte ESC = 0x1b;
    private static final String FAKE_MAVEN = """
            #!/usr/bin/env bash
            printf 'args: %s\\n' "$*" >> "$FAKE_MVN_LOG"
            printf 'MAVEN_OPTS: %s\\n' "${MAVEN_OPTS:-}" >> "$FAKE_MVN_LOG"
            printf '\\033[0m\\033[1m[INFO] Building goose-java\\033[m\\n'
            printf '\\033[0m[WARNING] something on stderr\\n' >&2
            mkdir -p app/target && cp "$FAKE_JAR" app/target/goose.jar
            """;

    @TempDir
    Path root;
    private Path log;

    @BeforeEach
    void layOutATreeThatNeedsABuild() throws IOException {
        Files.copy(Path.of("..", "goose"), root.resolve("goose"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(Path.of("..", "app", "jvm.sh"), Files.createDirectories(root.resolve("app")).resolve("jvm.sh")); // it sources it
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path mvn = Files.writeString(bin.resolve("mvn"), FAKE_MAVEN);
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        log = root.resolve("mvn.log");
    }

    @Test
    void schemaFromAStateThatNeedsABuildWritesOnlyTheSchemaToStdout() throws Exception {
        Result r = goose("schema");

        assertEquals(0, r.exitCode(), () -> new String(r.err(), StandardCharsets.UTF_8));
        assertFalse(contains(r.out(), ESC), "no escape sequence on stdout: " + new String(r.out(), StandardCharsets.UTF_8));
        JsonNode schema = new ObjectMapper().readTree(r.out());
        assertEquals("http://json-schema.org/draft-07/schema#", schema.path("$schema").asText());
        String err = new String(r.err(), StandardCharsets.UTF_8);
        assertTrue(err.contains("goose: building") && err.contains("[INFO] Building goose-java"),
                "the build's output went to stderr: " + err);
        List<String> calls = Files.readAllLines(log);
        assertTrue(calls.get(0).startsWith("args: -B ") && calls.get(0).contains(" -Dstyle.color=never "), calls.toString());
        assertTrue(calls.get(1).contains("-Djansi.noreset=true"), "Maven is told to write no colour: " + calls);
    }

    @Test
    void aSecondRunNeedsNoBuild() throws Exception {
        goose("schema");
        Result second = goose("schema");

        assertEquals(0, second.exitCode(), () -> new String(second.err(), StandardCharsets.UTF_8));
        assertEquals(0, second.err().length, new String(second.err(), StandardCharsets.UTF_8));
        assertEquals(2, Files.readAllLines(log).size(), "Maven ran once");
    }

    private record Result(int exitCode, byte[] out, byte[] err) {
    }

    /** Runs the copied script with the stand-in Maven first on PATH and stdout and stderr going to files. */
    private Result goose(String... args) throws Exception {
        Path out = root.resolve("stdout");
        Path err = root.resolve("stderr");
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of("bash", root.resolve("goose").toString()), Stream.of(args)).toList())
                .directory(root.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("PATH", root.resolve("bin") + File.pathSeparator + System.getenv("PATH"));
        pb.environment().put("FAKE_MVN_LOG", log.toString());
        pb.environment().put("FAKE_JAR", launcherJar().toString());
        pb.environment().remove("MAVEN_OPTS");
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the script finished");
        return new Result(p.exitValue(), Files.readAllBytes(out), Files.readAllBytes(err));
    }

    /** A jar that starts the real CLI from this test's class path, standing in for the built goose.jar. */
    private Path launcherJar() throws IOException {
        Path jar = root.resolve("launcher.jar");
        if (Files.exists(jar)) {
            return jar;
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, GooseMain.class.getName());
        main.put(Attributes.Name.CLASS_PATH, Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toUri().toString())
                .collect(Collectors.joining(" ")));
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(file, manifest)) {
            return jar;
        }
    }

    private static boolean contains(byte[] bytes, byte b) {
        for (byte x : bytes) {
            if (x == b) {
                return true;
            }
        }
        return false;
    }
}
