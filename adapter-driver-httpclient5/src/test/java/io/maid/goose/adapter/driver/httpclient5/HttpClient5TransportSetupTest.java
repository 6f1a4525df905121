package io.maid.goose.adapter.driver.httpclient5;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SessionOptions;
import io.maid.goose.ports.out.TransportSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpClient5TransportSetupTest {
    @Test
    void fractionalTimeoutsKeepTheirMillisecondsAndRoundUp() {
        assertEquals(1500, HttpClient5Transport.timeout(Duration.ofMillis(1500)).toMilliseconds());
        assertEquals(251, HttpClient5Transport.timeout(Duration.ofNanos(250_000_001)).toMilliseconds());
        assertEquals(1, HttpClient5Transport.timeout(Duration.ofNanos(1)).toMilliseconds());
    }

    @Test
    void nonPositiveTimeoutIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> HttpClient5Transport.timeout(Duration.ZERO));
    }

    @Test
    void fewerThanOneConnectionIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new HttpClient5Transport(0));
    }

    @Test
    void missingCaBundleFailsEachSendAndSaysWhy(@TempDir Path dir) {
        String missing = dir.resolve("absent.pem").toString();
        try (HttpClient5Transport transport = new HttpClient5Transport(1);
             TransportSession session = transport.openSession(options(new TlsSpec(true, missing)))) {

            RequestOutcome outcome = session.send(RequestSpec.of(HttpMethod.GET, "/"));

            assertEquals(ErrorKind.TLS_ERROR, outcome.error());
            assertTrue(outcome.detail().contains("ca_bundle") && outcome.detail().contains(missing), outcome.detail());
        }
    }

    @Test
    void caBundleWithoutCertificatesFailsEachSendAndSaysWhy(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "no certificates in here\n");
        try (HttpClient5Transport transport = new HttpClient5Transport(1);
             TransportSession session = transport.openSession(options(new TlsSpec(true, empty.toString())))) {

            RequestOutcome outcome = session.send(RequestSpec.of(HttpMethod.GET, "/"));

            assertEquals(ErrorKind.TLS_ERROR, outcome.error());
            assertTrue(outcome.detail().contains("ca_bundle"), outcome.detail());
        }
    }

    @Test
    void openingASessionOnAClosedTransportIsRejected() {
        HttpClient5Transport transport = new HttpClient5Transport(1);
        transport.close();

        assertThrows(IllegalStateException.class, () -> transport.openSession(options(TlsSpec.defaults())));
    }

    private static SessionOptions options(TlsSpec tls) {
        // Port 9 on loopback: nothing is sent in these tests, the TLS setup fails first.
        return new SessionOptions(URI.create("https://127.0.0.1:9"), Duration.ofSeconds(1), tls, 0);
    }
}
