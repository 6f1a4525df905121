package io.maid.goose.support.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailureTextTest {
    @Test
    void aResponseTimeoutSaysWhetherAnyOfTheResponseArrived() {
        assertEquals("no response within 250 ms", FailureText.responseTimeout(false, 250));
        assertEquals("the response was not complete within 250 ms", FailureText.responseTimeout(true, 250));
    }

    @Test
    void anUnexpectedStatusWithABodyShowsTheStartOfTheBody() {
        assertEquals("HTTP 500: database is down", unexpected(500, "database is down"));
    }

    @Test
    void anUnexpectedStatusWithoutABodyIsTheStatusAlone() {
        assertEquals("HTTP 404", FailureText.unexpectedStatus(404, new byte[0], 0));
        assertEquals("HTTP 404", FailureText.unexpectedStatus(404, null, 0));
    }

    @Test
    void controlCharactersAndRunsOfWhiteSpaceBecomeOneSpace() {
        assertEquals("HTTP 502: <html> <h1>Bad Gateway</h1>", unexpected(502, "\r\n<html>\r\n\t <h1>Bad\u0000Gateway</h1>\n"));
    }

    @Test
    void atMostOneHundredAndTwentyCharactersAreShownHoweverLongTheBody() {
        String detail = unexpected(500, "é".repeat(1000));

        assertEquals("HTTP 500: " + "é".repeat(FailureText.SAMPLE_CHARS), detail);
    }

    @Test
    void bytesThatAreNotUtf8AreReplacedNotThrown() {
        byte[] body = {'o', 'k', (byte) 0xff, (byte) 0xfe, '!'};

        assertEquals("HTTP 500: ok\uFFFD\uFFFD!", FailureText.unexpectedStatus(500, body, body.length));
    }

    @Test
    void aTlsHandshakeFailureSaysTheMostPreciseReasonItCarries() {
        Exception expired = new javax.net.ssl.SSLHandshakeException("PKIX path validation failed");
        expired.initCause(new java.security.cert.CertPathValidatorException("validity check failed",
                new java.security.cert.CertificateExpiredException("NotAfter: Mon Nov 23 10:00:00 UTC 2026")));

        assertEquals("the server's certificate has expired: NotAfter: Mon Nov 23 10:00:00 UTC 2026",
                FailureText.tlsHandshake(expired));
    }

    @Test
    void aTlsHandshakeFailureWithAnUntrustedCertificateSaysSoWithoutTheJdksPathWords() {
        Exception untrusted = new javax.net.ssl.SSLHandshakeException(
                "PKIX path building failed: unable to find valid certification path to requested target");

        assertEquals("the server's certificate is not trusted (unknown CA, or self-signed)",
                FailureText.tlsHandshake(untrusted));
    }

    @Test
    void aTlsHandshakeFailureForAnotherHostSaysTheHostIsNotNamed() {
        Exception wrongHost = new javax.net.ssl.SSLHandshakeException("No subject alternative names matching IP address 127.0.0.1 found");

        assertEquals("the server's certificate does not name the host: No subject alternative names matching IP address 127.0.0.1 found",
                FailureText.tlsHandshake(wrongHost));
    }

    private static String unexpected(int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return FailureText.unexpectedStatus(status, bytes, bytes.length);
    }
}
