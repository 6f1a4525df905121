package io.maid.goose.app.cli;

import io.maid.goose.app.GooseMain;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --help} and {@code -h} print the usage of every subcommand and exit 0, required parameters or not. */
class HelpOptionTest {
    /** The subcommands as picocli knows them, so a new one cannot slip past this test. */
    static Stream<Arguments> everySubcommandWithEveryHelpFlag() {
        Set<String> names = new CommandLine(new GooseMain()).getSubcommands().keySet();
        assertTrue(names.containsAll(List.of("run", "demo", "serve", "schema", "validate", "help")), names::toString);
        return names.stream().flatMap(name -> Stream.of(Arguments.of(name, "--help"), Arguments.of(name, "-h")));
    }

    @ParameterizedTest(name = "goose {0} {1}")
    @MethodSource("everySubcommandWithEveryHelpFlag")
    void helpPrintsTheUsageAndExitsZero(String subcommand, String flag) {
        CliCapture r = CliCapture.run(subcommand, flag);

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().lines().anyMatch(line -> line.startsWith("Usage: goose " + subcommand + " ")), r.out());
        assertEquals("", r.err());
    }

    @ParameterizedTest(name = "goose {0}")
    @ValueSource(strings = {"--help", "-h"})
    void theTopLevelHelpListsTheSubcommandsAndExitsZero(String flag) {
        CliCapture r = CliCapture.run(flag);

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("Usage: goose "), r.out());
        for (String name : List.of("run", "demo", "serve", "schema", "validate")) {
            assertTrue(r.out().contains("  " + name + " "), name + " in:\n" + r.out());
        }
    }
}
