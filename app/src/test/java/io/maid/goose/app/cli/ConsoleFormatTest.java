package io.maid.goose.app.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsoleFormatTest {
    @Test
    void wrapBreaksAtSpacesIndentsTheRestAndKeepsTheSpacingWithinALine() {
        assertEquals(List.of("  [info] one  two", "    three four", "    five"),
                ConsoleFormat.wrap("  [info] one  two three four five", 17, 4));
    }

    @Test
    void aWordLongerThanALineStaysWholeOnALineOfItsOwn() {
        String path = "/tmp/" + "d".repeat(40) + "/report.html";
        assertEquals(List.of("open:", "  " + path, "  now"), ConsoleFormat.wrap("open: " + path + " now", 20, 2));
    }

    @Test
    void textThatFitsIsOneLine() {
        assertEquals(List.of("status codes: 200: 4"), ConsoleFormat.wrap("status codes: 200: 4", 80, 2));
    }

    @Test
    void printableTextHasNoControlCharacters() {
        assertEquals("HTTP 500: [31mred [0m next line", ConsoleFormat.printable("HTTP 500: \u001b[31mred\u001b[0m\r\n next\tline\u0000"));
    }

    @Test
    void anEllipsisEndsTextCutToTheWidth() {
        assertEquals("abcdefg...", ConsoleFormat.ellipsis("abcdefghijklmnop", 10));
        assertEquals("abcdefghij", ConsoleFormat.ellipsis("abcdefghij", 10));
    }

    @Test
    void latenciesHaveAboutThreeSignificantDigits() {
        assertEquals(List.of("0.83", "1.05", "54.8", "954", "12040", "?"), List.of(ConsoleFormat.ms(0.834),
                ConsoleFormat.ms(1.049), ConsoleFormat.ms(54.76), ConsoleFormat.ms(954.3), ConsoleFormat.ms(12_040.2),
                ConsoleFormat.ms(Double.NaN)));
    }
}
