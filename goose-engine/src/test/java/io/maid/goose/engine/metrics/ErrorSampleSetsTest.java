package io.maid.goose.engine.metrics;

import io.maid.goose.domain.ErrorKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ErrorSampleSetsTest {
    @Test
    void controlCharactersInADetailBecomeSpaces() {
        assertEquals("HTTP 500:  boom  [31mred",
                ErrorSampleSets.message(ErrorKind.UNEXPECTED_STATUS, "HTTP 500:\r\nboom\t\u001b[31mred", 500));
    }

    @Test
    void aLongDetailIsCutWithAnEllipsis() {
        String message = ErrorSampleSets.message(ErrorKind.IO_ERROR, "x".repeat(1000), 0);
        assertEquals("x".repeat(ErrorSampleSets.MAX_CHARS) + "\u2026", message);
    }

    @Test
    void anUnexpectedStatusWithoutADetailIsNamedByItsCode() {
        assertEquals("HTTP 418", ErrorSampleSets.message(ErrorKind.UNEXPECTED_STATUS, null, 418));
        assertNull(ErrorSampleSets.message(ErrorKind.CONNECT_REFUSED, null, 0), "nothing to say, nothing kept");
    }

    @Test
    void eachSlotAndKindKeepsFiveDistinctMessagesAndAGroupMergesThemInSlotOrder() {
        ErrorSampleSets sets = new ErrorSampleSets(2);
        for (int i = 0; i < 8; i++) {
            sets.add(0, ErrorKind.IO_ERROR, "a" + (i % 6), 0);
        }
        sets.add(1, ErrorKind.IO_ERROR, "b0", 0);
        sets.add(1, ErrorKind.UNEXPECTED_STATUS, null, 502);

        assertEquals(Map.of(ErrorKind.IO_ERROR, List.of("a0", "a1", "a2", "a3", "a4")), sets.merged(List.of(0)));
        assertEquals(Map.of(ErrorKind.IO_ERROR, List.of("b0"), ErrorKind.UNEXPECTED_STATUS, List.of("HTTP 502")),
                sets.merged(List.of(1)));
        assertEquals(Map.of(ErrorKind.IO_ERROR, List.of("b0", "a0", "a1", "a2", "a3"),
                ErrorKind.UNEXPECTED_STATUS, List.of("HTTP 502")), sets.merged(List.of(1, 0)));
    }
}
