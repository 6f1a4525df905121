package io.maid.goose.testkit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FakeJsonBodyReaderTest {
    private final FakeJsonBodyReader reader = new FakeJsonBodyReader();

    private String read(String body, String pointer) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return reader.read(bytes, bytes.length, pointer);
    }

    @Test
    void stringsComeUnquotedAndOtherValuesAsCompactJson() {
        String body = "{\"token\":\"abc\",\"n\":7,\"ok\":true,\"none\":null,\"items\":[{\"id\":1}, {\"id\":2}]}";
        assertEquals("abc", read(body, "/token"));
        assertEquals("7", read(body, "/n"));
        assertEquals("true", read(body, "/ok"));
        assertEquals("null", read(body, "/none"));
        assertEquals("2", read(body, "/items/1/id"));
        assertEquals("[{\"id\":1},{\"id\":2}]", read(body, "/items"));
        assertEquals(6, reader.reads());
    }

    @Test
    void aMissingValueOrABodyThatIsNotJsonIsNull() {
        assertNull(read("{\"a\":1}", "/b"));
        assertNull(read("<html>", "/a"));
        assertNull(read("", "/a"));
    }
}
