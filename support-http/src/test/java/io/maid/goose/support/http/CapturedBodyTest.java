package io.maid.goose.support.http;

import io.maid.goose.domain.NameValue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapturedBodyTest {
    @Test
    void aBodyOfUnknownLengthGrowsPastItsFirstArrayAndKeepsEveryByteInOrder() {
        CapturedBody body = new CapturedBody(10_000, -1);
        byte[] all = new byte[5_000];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }

        for (int at = 0; at < all.length; at += 700) {
            body.add(all, at, Math.min(700, all.length - at));
        }

        assertArrayEquals(all, body.bytes());
        assertFalse(body.truncated());
    }

    @Test
    void whatIsPastTheLimitIsNotKeptButNoted() {
        CapturedBody body = new CapturedBody(4, 10);

        body.add("abc".getBytes(), 0, 3);
        body.add("defg".getBytes(), 0, 4);
        body.add("h".getBytes(), 0, 1);

        assertArrayEquals("abcd".getBytes(), body.bytes());
        assertTrue(body.truncated());
    }

    @Test
    void whatWasHandedOutIsTheCallersAndNothingOfItStays() {
        CapturedBody body = new CapturedBody(1024, 3);
        body.add("xyz".getBytes(), 0, 3);

        assertArrayEquals("xyz".getBytes(), body.bytes());
        assertEquals(0, body.bytes().length);
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CapturedBody(0, -1));
    }

    @Test
    void aHeaderFieldWithoutANameIsNotKeptAndLineEndsInsideOneBecomeSpaces() {
        assertNull(HeaderFields.captured(" ", "x"));
        assertEquals(new NameValue("X-A", "a b c"), HeaderFields.captured("X-A", "a\rb\nc"));
        assertEquals(new NameValue("X-Empty", ""), HeaderFields.captured("X-Empty", null));
    }
}
