package io.maid.goose.adapter.driver.lean;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which hosts connect without a lookup: IP literals only, parsed as the address they spell. */
class OriginTest {

    @Test
    void plainDottedDecimalHostsAreIpv4Literals() {
        assertArrayEquals(new byte[] {127, 0, 0, 1}, Origin.ipv4("127.0.0.1"));
        assertArrayEquals(new byte[] {0, 0, 0, 0}, Origin.ipv4("0.0.0.0"));
        assertArrayEquals(new byte[] {(byte) 255, (byte) 255, 10, (byte) 200}, Origin.ipv4("255.255.10.200"));
    }

    @Test
    void namesAndLegacyOrMalformedNumbersAreNotIpv4Literals() {
        for (String host : new String[] {"localhost", "example.com", "1example.com", "127.1", "1.2.3", "1.2.3.4.5",
                "1.2.3.4.", ".1.2.3", "1..2.3", "256.1.1.1", "1.2.3.1000", "01.2.3.4", "1.2.3.00", "0x7f.0.0.1", ""}) {
            assertNull(Origin.ipv4(host), host);
        }
    }

    @Test
    void anIpLiteralOriginHasAResolvedAddressAndANamedOneHasNone() {
        InetSocketAddress v4 = Origin.of(URI.create("http://10.1.2.3:8080")).literalAddress();
        assertEquals("10.1.2.3", v4.getAddress().getHostAddress());
        assertEquals(8080, v4.getPort());

        InetSocketAddress v6 = Origin.of(URI.create("http://[::1]:8080")).literalAddress();
        assertFalse(v6.isUnresolved());
        assertEquals(8080, v6.getPort());

        assertNull(Origin.of(URI.create("http://localhost:8080")).literalAddress());
        assertNull(Origin.of(URI.create("http://example.com")).literalAddress());
    }
}
