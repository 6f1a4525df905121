package io.maid.goose.app.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

class TerminalWidthTest {
    private static final Supplier<OptionalInt> NOT_ASKED = () -> fail("stty is asked only when stdout is a terminal");

    @Test
    void theOptionComesFirst() {
        assertEquals(90, TerminalWidth.resolve(90, Map.of("COLUMNS", "200"), () -> true, () -> OptionalInt.of(150)));
    }

    @Test
    void thenTheColumnsVariable() {
        assertEquals(100, TerminalWidth.resolve(null, Map.of("COLUMNS", " 100 "), () -> true, NOT_ASKED));
    }

    @Test
    void thenTheTerminalWhenStdoutIsOne() {
        assertEquals(93, TerminalWidth.resolve(null, Map.of(), () -> true, () -> OptionalInt.of(93)));
    }

    @Test
    void stdoutThatIsNoTerminalGetsTheDefaultWithoutAskingStty() {
        assertEquals(TerminalWidth.DEFAULT, TerminalWidth.resolve(null, Map.of(), () -> false, NOT_ASKED));
    }

    @Test
    void aTerminalOfUnknownWidthGetsTheDefault() {
        assertEquals(TerminalWidth.DEFAULT, TerminalWidth.resolve(null, Map.of(), () -> true, OptionalInt::empty));
    }

    @Test
    void aColumnsVariableThatIsNotAPositiveNumberIsIgnored() {
        assertEquals(93, TerminalWidth.resolve(null, Map.of("COLUMNS", "wide"), () -> true, () -> OptionalInt.of(93)));
        assertEquals(93, TerminalWidth.resolve(null, Map.of("COLUMNS", "0"), () -> true, () -> OptionalInt.of(93)));
    }

    @Test
    void widthsAreClampedToWhatTheFormattersSupport() {
        assertEquals(TerminalWidth.MIN, TerminalWidth.resolve(null, Map.of("COLUMNS", "12"), () -> false, NOT_ASKED));
        assertEquals(TerminalWidth.MAX, TerminalWidth.resolve(null, Map.of(), () -> true, () -> OptionalInt.of(5000)));
    }

    @Test
    void aWidthOptionOutOfRangeIsAProblemThatNamesTheRange() {
        assertEquals("--width must be between 40 and 1000, was 20", TerminalWidth.problem(20));
        assertNull(TerminalWidth.problem(80));
        assertNull(TerminalWidth.problem(null));
    }
}
