package io.maid.goose.support.http;

import io.maid.goose.domain.TlsSpec;
import io.maid.goose.testkit.SelfSignedCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The helpers every HTTP transport shares; the transports' contract suites check them end to end. */
class SupportHttpTest {
    @Test
    void theDefaultSpecUsesTheJdksDefaultContext() throws Exception {
        assertSame(SSLContext.getDefault(), TlsContexts.forSpec(TlsSpec.defaults()));
    }

    @Test
    void aReadableBundleGivesAContextAndNotVerifyingGivesOneToo() {
        try (SelfSignedCertificate certificate = new SelfSignedCertificate()) {
            assertNotNull(TlsContexts.forSpec(new TlsSpec(true, certificate.caBundle().toString())));
        }
        assertNotNull(TlsContexts.forSpec(new TlsSpec(false, null)));
    }

    @Test
    void aMissingEmptyOrForeignBundleFailsWithAMessageNamingTheFile(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.pem");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        Path foreign = Files.writeString(dir.resolve("foreign.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");
        assertTrue(assertThrows(TlsSetupException.class, () -> TlsContexts.trusting(missing)).getMessage()
                .startsWith("tls.ca_bundle '" + missing + "' could not be read"));
        assertEquals("tls.ca_bundle '" + empty + "' holds no certificates",
                assertThrows(TlsSetupException.class, () -> TlsContexts.trusting(empty)).getMessage());
        assertTrue(assertThrows(TlsSetupException.class, () -> TlsContexts.trusting(foreign)).getMessage()
                .startsWith("tls.ca_bundle '" + foreign + "' is not a PEM certificate bundle"));
    }

    @Test
    void pathsKeepWhatAUriAllowsAndPercentEncodeTheRestAsUtf8() {
        StringBuilder target = new StringBuilder();
        RequestPaths.appendPath(target, "/a b/ü/✓/😀/%20/x?y=1&z");
        assertEquals("/a%20b/%C3%BC/%E2%9C%93/%F0%9F%98%80/%20/x?y=1&z", target.toString());
    }

    @Test
    void descriptionsNameTypeMessageAndANewCauseButNeverGrowPastTheLimit() {
        assertEquals("ConnectException: Connection refused", FailureText.describe(new ConnectException("Connection refused")));
        IOException wrapped = new IOException("write failed", new IllegalStateException("pipe gone"));
        assertEquals("IOException: write failed (IllegalStateException: pipe gone)", FailureText.describe(wrapped));
        IOException repeating = new IOException("boom: pipe gone", new IllegalStateException("pipe gone"));
        assertEquals("IOException: boom: pipe gone", FailureText.describe(repeating));
        String longText = FailureText.describe(new IOException("x".repeat(1000)));
        assertEquals(FailureText.MAX_DETAIL, longText.length());
        assertTrue(longText.endsWith("..."));
    }
}
