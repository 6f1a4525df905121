package io.maid.goose.app.cli;

import io.maid.goose.app.Composition;
import io.maid.goose.app.ExitCodes;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.ports.out.DecodeResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code goose validate FILE}: prints every violation with its JSON pointer, or "valid". */
@Command(name = "validate", description = "Validate a run config file: print its violations, or \"valid\".")
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "A config: bare, or wrapped as {\"config\": {...}}.")
    Path file;

    @Override
    public Integer call() {
        String text;
        try {
            text = ConfigFiles.read(file);
        } catch (ConfigFiles.UnreadableFileException e) {
            return unreadable(e);
        }
        DecodeResult result = ConfigFiles.decodeRunnable(file, text, Composition.codec(), ConfigOverrides.none());
        if (result instanceof DecodeResult.Invalid invalid) {
            printViolations(file, invalid);
            return ExitCodes.INVALID_CONFIG;
        }
        System.out.println("valid");
        return ExitCodes.OK;
    }

    /** Says why a config file could not be read at all. */
    static int unreadable(ConfigFiles.UnreadableFileException e) {
        System.err.println("goose: " + e.getMessage());
        return ExitCodes.INVALID_CONFIG;
    }

    static void printViolations(Path file, DecodeResult.Invalid invalid) {
        System.err.println(file + ": " + invalid.violations().size() + " violation(s)");
        for (ConfigViolation v : invalid.violations()) {
            System.err.println("  " + (v.pointer().isEmpty() ? "(document)" : v.pointer()) + ": " + v.message());
        }
    }
}
