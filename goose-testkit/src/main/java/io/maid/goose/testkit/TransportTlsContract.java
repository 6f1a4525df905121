package io.maid.goose.testkit;

import com.sun.net.httpserver.HttpsServer;
import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.TransportSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TLS part of the {@link TransportContract}: trust as {@code tls.verify} and {@code tls.ca_bundle} say,
 * a clear {@link ErrorKind#TLS_ERROR} for each reason a verified handshake fails (an unknown CA, an expired
 * certificate, a certificate for another host) and success for each with {@code verify} off; TLS 1.2 and
 * 1.3; SNI from the target's host name; a reconnect that resumes its TLS session; and the handshake's time
 * in the outcome of the request that opened the connection. Targets: {@link TlsTargets}, certificates made
 * at test time by {@link CertificateAuthority}.
 */
public abstract class TransportTlsContract extends TransportContractSupport {
    /**
     * Whether the transport sends SNI for a single-label host name such as {@code localhost}, as curl and
     * OpenSSL do; one built on the JDK's {@code SSLSocket} defaults does not (the JDK sends SNI only for
     * names with a dot) and says so by overriding this: then the test checks it sends none.
     */
    protected boolean sendsSniForSingleLabelHosts() {
        return true;
    }

    /** Made once per JVM, before the tests: keytool runs do not count against a test's timeout. */
    @BeforeAll
    void makeTlsTargets() {
        TlsTargets.shared();
    }

    private static TlsSpec trustingTheTestCa() {
        return new TlsSpec(true, TlsTargets.shared().caBundle().toString());
    }

    private static final TlsSpec VERIFY_OFF = new TlsSpec(false, null);

    private RequestOutcome get(URI base, TlsSpec tls, String path) {
        return session(base, GENEROUS, tls).send(RequestSpec.of(HttpMethod.GET, path));
    }

    private static void assertTlsError(RequestOutcome outcome, String says) {
        assertEquals(ErrorKind.TLS_ERROR, outcome.error(), () -> "outcome " + outcome);
        assertTrue(outcome.detail() != null && outcome.detail().contains(says),
                () -> "the detail should say '" + says + "': " + outcome.detail());
    }

    // ---- trust ------------------------------------------------------------------------------------------

    @Test
    void tlsWithVerificationRejectsAnUntrustedCertificate() {
        RequestOutcome outcome = session(target.https().base(), GENEROUS, new TlsSpec(true, null)).send(RequestSpec.of(HttpMethod.GET, "/echo/" + token()));

        assertEquals(ErrorKind.TLS_ERROR, outcome.error(), () -> "outcome " + outcome);
    }

    @Test
    void tlsWithoutVerificationAcceptsAnUntrustedCertificate() {
        String path = "/echo/" + token();

        assertAnswered(200, session(target.https().base(), GENEROUS, new TlsSpec(false, null)).send(RequestSpec.of(HttpMethod.GET, path)));

        assertEquals("GET", recordedAt(path).method());
    }

    @Test
    void tlsCaBundleTrustsTheCertificateItHolds() {
        String path = "/echo/" + token();
        TlsSpec tls = new TlsSpec(true, target.https().caBundle().toString());

        assertAnswered(200, session(target.https().base(), GENEROUS, tls).send(RequestSpec.of(HttpMethod.GET, path)));

        assertEquals("GET", recordedAt(path).method());
    }

    @Test
    void aCertificateFromAnUnknownCaIsATlsErrorWithVerification() {
        TlsSpec otherCa = new TlsSpec(true, target.https().caBundle().toString());

        assertTlsError(get(TlsTargets.base(TlsTargets.shared().valid), otherCa, "/echo/" + token()), "not trusted");
    }

    @Test
    void aCertificateFromAnUnknownCaIsAcceptedWithoutVerification() {
        assertAnswered(200, get(TlsTargets.base(TlsTargets.shared().valid), VERIFY_OFF, "/echo/" + token()));
    }

    @Test
    void anExpiredCertificateIsATlsErrorWithVerification() {
        assertTlsError(get(TlsTargets.base(TlsTargets.shared().expired), trustingTheTestCa(), "/echo/" + token()), "expired");
    }

    @Test
    void anExpiredCertificateIsAcceptedWithoutVerification() {
        assertAnswered(200, get(TlsTargets.base(TlsTargets.shared().expired), VERIFY_OFF, "/echo/" + token()));
    }

    @Test
    void aCertificateForAnotherHostIsATlsErrorWithVerification() {
        assertTlsError(get(TlsTargets.base(TlsTargets.shared().otherHost), trustingTheTestCa(), "/echo/" + token()),
                "does not name the host");
    }

    @Test
    void aCertificateForAnotherHostIsAcceptedWithoutVerification() {
        assertAnswered(200, get(TlsTargets.base(TlsTargets.shared().otherHost), VERIFY_OFF, "/echo/" + token()));
    }

    @Test
    void aTrustedCertificateForTheHostIsAccepted() {
        assertAnswered(200, get(TlsTargets.base(TlsTargets.shared().valid), trustingTheTestCa(), "/echo/" + token()));
    }

    // ---- protocols, SNI, resumption, handshake time ------------------------------------------------------

    @Test
    void tls12IsSpoken() {
        assertSpeaks(TlsTargets.shared().tls12, "TLSv1.2");
    }

    @Test
    void tls13IsSpoken() {
        assertSpeaks(TlsTargets.shared().tls13, "TLSv1.3");
    }

    private void assertSpeaks(HttpsServer server, String protocol) {
        String path = "/echo/" + token();

        assertAnswered(200, get(TlsTargets.base(server), trustingTheTestCa(), path));

        assertEquals(protocol, TlsTargets.shared().seen(path).protocol());
    }

    @Test
    void theTargetsHostNameGoesAsSni() {
        String path = "/echo/" + token();

        assertAnswered(200, get(TlsTargets.byName(TlsTargets.shared().valid), trustingTheTestCa(), path));

        assertEquals(sendsSniForSingleLabelHosts() ? "localhost" : "", TlsTargets.shared().seen(path).sniHost());
    }

    @Test
    void anIpLiteralSendsNoSni() {
        String path = "/echo/" + token();

        assertAnswered(200, get(TlsTargets.base(TlsTargets.shared().valid), trustingTheTestCa(), path));

        assertEquals("", TlsTargets.shared().seen(path).sniHost());
    }

    @Test
    void aReconnectResumesTheTlsSession() {
        TransportSession user = session(TlsTargets.base(TlsTargets.shared().tls12), GENEROUS, trustingTheTestCa());
        String first = "/close/" + token();
        String second = "/echo/" + token();

        assertAnswered(200, user.send(RequestSpec.of(HttpMethod.GET, first)));
        assertAnswered(200, user.send(RequestSpec.of(HttpMethod.GET, second)));

        TlsTargets.Seen before = TlsTargets.shared().seen(first);
        TlsTargets.Seen after = TlsTargets.shared().seen(second);
        assertNotEquals(before.remotePort(), after.remotePort(), "the server closed the first connection");
        assertEquals(before.sessionId(), after.sessionId(), "the second connection resumed the first one's session");
    }

    /** One user's two requests to the valid target, the first to {@code firstPath}; both answered 200. */
    private List<RequestOutcome> twoRequests(String firstPath) {
        TransportSession user = session(TlsTargets.base(TlsTargets.shared().valid), GENEROUS, trustingTheTestCa());
        RequestOutcome first = user.send(RequestSpec.of(HttpMethod.GET, firstPath + token()));
        RequestOutcome second = user.send(RequestSpec.of(HttpMethod.GET, "/echo/" + token()));
        assertAnswered(200, first);
        assertAnswered(200, second);
        return List.of(first, second);
    }

    @Test
    void theRequestThatReconnectsAfterTheServerClosedSaysHowLongItsOwnHandshakeTook() {
        RequestOutcome reconnecting = twoRequests("/close/").get(1);

        assertTrue(reconnecting.tlsHandshakeNanos() > 0, () -> "a new connection, a new (resumed) handshake: " + reconnecting);
    }

    @Test
    void theRequestThatOpensATlsConnectionSaysHowLongItsHandshakeTook() {
        List<RequestOutcome> two = twoRequests("/echo/");
        RequestOutcome opening = two.get(0);
        RequestOutcome reusing = two.get(1);

        assertTrue(opening.tlsHandshakeNanos() > 0, () -> "opening " + opening);
        assertEquals(RequestOutcome.NO_HANDSHAKE, reusing.tlsHandshakeNanos(), () -> "a kept-alive connection shakes no hands: " + reusing);
    }

    @Test
    void aPlainRequestMakesNoHandshake() {
        RequestOutcome outcome = session(target.plainBase(), GENEROUS, TlsSpec.defaults())
                .send(RequestSpec.of(HttpMethod.GET, "/echo/" + token()));

        assertAnswered(200, outcome);
        assertEquals(RequestOutcome.NO_HANDSHAKE, outcome.tlsHandshakeNanos());
    }
}
