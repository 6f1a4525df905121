package io.maid.goose.adapter.cluster.pekko;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A JVM started from this test JVM's class path, with its standard output collected line by line. */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();

    ChildJvm(Class<?> main, Path log, String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        try {
            process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException ignored) {
                // the child is gone
            }
        });
    }

    /** The text after {@code prefix + " "} of the first line that starts so, or null. */
    String first(String prefix) {
        synchronized (lines) {
            for (String l : lines) {
                if (l.startsWith(prefix + " ")) {
                    return l.substring(prefix.length() + 1);
                }
            }
        }
        return null;
    }

    boolean printed(String line) {
        synchronized (lines) {
            return lines.contains(line);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no leave, no goodbye; the cluster finds out through its failure detector. */
    void kill() {
        process.destroyForcibly();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
