package io.maid.goose.testkit;

import io.maid.goose.ports.out.JsonBodyReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What every {@link JsonBodyReader} does with a captured response body. Subclass it once per implementation.
 *
 * <p>The value at an RFC 6901 pointer comes back as text: a string without quotes, a number or literal as
 * written, an object or array as compact JSON. A pointer that matches nothing, and a body that is not JSON up to
 * the value, give null. Only {@code body[0..length)} is read.
 */
public abstract class JsonBodyReaderContract {
    private static final String DOC = """
            {"token": "abc.def", "user": {"name": "Zoë", "id": 42, "ratio": 4.50, "big": 1e400, "admin": false,
             "nick": null, "tags": ["a", "b"], "a/b": "slash", "m~n": "tilde", "": "empty", "0": "zero"},
             "items": [{"id": 7}, {"id": 8, "price": 1.0E2}], "quote": "say \\"hi\\"\\n", "last": true}""";

    /** The reader under test. */
    protected abstract JsonBodyReader reader();

    private String read(String body, String pointer) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return reader().read(bytes, bytes.length, pointer);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/token | abc.def",
            "/user/name | Zoë",
            "/user/id | 42",
            "/user/ratio | 4.50",
            "/user/big | 1e400",
            "/user/admin | false",
            "/user/nick | null",
            "/user/tags/1 | b",
            "/user/a~1b | slash",
            "/user/m~0n | tilde",
            "/user/ | empty",
            "/user/0 | zero",
            "/items/1/id | 8",
            "/items/1/price | 1.0E2",
            "/last | true"})
    void aScalarIsItsTextWithoutQuotes(String pointer, String expected) {
        assertEquals(expected, read(DOC, pointer));
    }

    @Test
    void aStringComesWithItsEscapesResolved() {
        assertEquals("say \"hi\"\n", read(DOC, "/quote"));
    }

    @Test
    void anObjectIsCompactJsonWithItsNumbersAsWritten() {
        assertEquals("{\"id\":8,\"price\":1.0E2}", read(DOC, "/items/1"));
    }

    @Test
    void anArrayIsCompactJson() {
        assertEquals("[\"a\",\"b\"]", read(DOC, "/user/tags"));
    }

    @Test
    void theEmptyPointerIsTheWholeDocument() {
        assertEquals("[1,{\"a\":\"x\"}]", read(" [ 1 , { \"a\" : \"x\" } ] ", ""));
        assertEquals("plain", read("\"plain\"", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/missing", "/user/missing", "/items/2", "/items/01", "/items/-", "/token/0", "/user/tags/x",
            "/last/x"})
    void aPointerThatMatchesNothingIsNull(String pointer) {
        assertNull(read(DOC, pointer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "<html>login</html>", "{\"token\": ", "{token: 1}", "[1, 2", "nul"})
    void aBodyThatIsNotJsonIsNull(String body) {
        assertNull(read(body, "/token"));
    }

    @Test
    void aValueCutShortIsNull() {
        assertNull(read("{\"user\": {\"name\": \"x\", \"tags\": [1, 2", "/user"));
    }

    @Test
    void aBodyCutShortAfterTheValueStillYieldsIt() {
        assertEquals("abc", read("{\"token\": \"abc\", \"rest\": [1, 2, 3", "/token"));
    }

    @Test
    void malformedTextBeforeTheValueMakesItNull() {
        assertNull(read("{\"skip\": [1, 2,, 3], \"token\": \"abc\"}", "/token"));
    }

    @Test
    void onlyTheGivenLengthIsRead() {
        byte[] bytes = "{\"token\": \"abc\"}{\"token\": \"later\"}".getBytes(StandardCharsets.UTF_8);

        assertEquals("abc", reader().read(bytes, 16, "/token"));
        assertNull(reader().read(bytes, 10, "/token"));
    }

    @Test
    void theFirstOfRepeatedKeysCounts() {
        assertEquals("1", read("{\"a\": 1, \"a\": 2}", "/a"));
    }

    @Test
    void aDeepPathPastLargeSiblingsIsFound() {
        StringBuilder body = new StringBuilder("{\"noise\": [");
        for (int i = 0; i < 10_000; i++) {
            body.append(i == 0 ? "" : ",").append("{\"n\": ").append(i).append(", \"s\": \"").append("x".repeat(20)).append("\"}");
        }
        body.append("], \"deep\": {\"er\": [0, {\"est\": \"found\"}]}}");

        assertEquals("found", read(body.toString(), "/deep/er/1/est"));
    }
}
