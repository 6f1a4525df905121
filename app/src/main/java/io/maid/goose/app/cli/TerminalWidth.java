package io.maid.goose.app.cli;

import java.io.Console;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The number of columns the CLI fits its progress lines and summary to: {@code --width} if given, else
 * the {@code COLUMNS} environment variable, else, when stdout is a terminal, what {@code stty size} says
 * about it, else {@value #DEFAULT}. Values are clamped to {@value #MIN}..{@value #MAX}.
 */
final class TerminalWidth {
    /** When stdout is not a terminal (a pipe, a CI log) or its width is unknown. */
    static final int DEFAULT = 120;
    static final int MIN = 40;
    static final int MAX = 1000;

    private TerminalWidth() {
    }

    /** The width for this process's stdout; see the class comment. */
    static int detect(Integer option) {
        return resolve(option, System.getenv(), TerminalWidth::stdoutIsTerminal, TerminalWidth::sttyColumns);
    }

    /** {@link #detect} with its sources given, for tests. */
    static int resolve(Integer option, Map<String, String> env, BooleanSupplier stdoutIsTerminal,
                       Supplier<OptionalInt> terminalColumns) {
        if (option != null) {
            return clamp(option);
        }
        OptionalInt columns = parse(env.get("COLUMNS"));
        if (columns.isPresent()) {
            return clamp(columns.getAsInt());
        }
        if (stdoutIsTerminal.getAsBoolean()) {
            OptionalInt measured = terminalColumns.get();
            if (measured.isPresent()) {
                return clamp(measured.getAsInt());
            }
        }
        return DEFAULT;
    }

    /** The problem with a {@code --width} value, or null when it is fine. */
    static String problem(Integer option) {
        return option == null || (option >= MIN && option <= MAX) ? null
                : "--width must be between " + MIN + " and " + MAX + ", was " + option;
    }

    private static int clamp(int columns) {
        return Math.clamp(columns, MIN, MAX);
    }

    private static OptionalInt parse(String value) {
        if (value == null || value.isBlank()) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(value.trim());
            return n > 0 ? OptionalInt.of(n) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * Whether stdout is a terminal. Java 22 added {@code Console.isTerminal()}; the code is built for 21, where
     * a console exists only when stdin and stdout both are terminals, so the method is looked up at run time.
     */
    private static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console));
        } catch (NoSuchMethodException e) {
            return true;
        } catch (IllegalAccessException | InvocationTargetException e) {
            return false;
        }
    }

    /** {@code stty size} on the controlling terminal ("rows columns"), or empty if it cannot be read quickly. */
    private static OptionalInt sttyColumns() {
        File tty = new File("/dev/tty");
        if (!tty.exists()) {
            return OptionalInt.empty();
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String answer;
            try (InputStream in = p.getInputStream()) {
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return OptionalInt.empty();
                }
                answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            }
            String[] parts = answer.split("\\s+");
            return p.exitValue() == 0 && parts.length == 2 ? parse(parts[1]) : OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }
}
