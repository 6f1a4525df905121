package io.maid.goose.app.cli;

import io.maid.goose.app.GooseMain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the CLI in-process and captures what it prints. Tests in this module run one at a time. A {@code run}
 * without {@code --data-dir} records its history in a fresh temporary folder, never in the working directory's
 * {@code data/} (the source tree, under Maven).
 */
record CliCapture(int exitCode, String out, String err) {
    static synchronized CliCapture run(String... given) {
        String[] args = historyOutsideTheSourceTree(given);
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int code = GooseMain.execute(args);
            return new CliCapture(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static String[] historyOutsideTheSourceTree(String[] args) {
        if (args.length == 0 || !args[0].equals("run") || List.of(args).contains("--data-dir")) {
            return args;
        }
        try {
            Path dir = Files.createTempDirectory("goose-cli-history");
            String[] withDir = Arrays.copyOf(args, args.length + 2);
            withDir[args.length] = "--data-dir";
            withDir[args.length + 1] = dir.toString();
            return withDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
