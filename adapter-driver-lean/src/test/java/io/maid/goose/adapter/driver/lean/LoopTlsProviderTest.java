package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.TlsSpec;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLEngine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TLS implementation choice: names, what auto picks here, and that the HTTPS contract runs on BoringSSL. */
class LoopTlsProviderTest {

    @Test
    void theSettingsNamesRoundTrip() {
        for (LoopTlsProvider p : LoopTlsProvider.values()) {
            assertEquals(p, LoopTlsProvider.named(p.settingsName()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoopTlsProvider.named("openssl3"));
        assertTrue(e.getMessage().contains("auto, boringssl, jdk"), e.getMessage());
    }

    @Test
    void autoUsesBoringSslOnThisPlatformSoTheHttpsContractTestsIt() {
        // the build's platforms (linux x86_64 here and in CI) ship the native library: if it stopped loading, the
        // HTTPS contract would silently test the JDK's TLS twice
        assertTrue(LoopTlsProvider.boringSslAvailable(), "BoringSSL did not load: " + io.netty.handler.ssl.OpenSsl.unavailabilityCause());
        assertTrue(LoopTlsProvider.AUTO.usesBoringSsl());
        assertTrue(LoopTlsProvider.AUTO.describe().startsWith("BoringSSL"), LoopTlsProvider.AUTO.describe());
        SSLEngine engine = TlsSetup.of(TlsSpec.defaults(), LoopTlsProvider.AUTO).engine("localhost", 443);
        assertTrue(TlsSetup.isNative(engine));
        ReferenceCountUtil.release(engine);
    }

    @Test
    void jdkNeverUsesBoringSsl() {
        assertFalse(LoopTlsProvider.JDK.usesBoringSsl());
        assertFalse(TlsSetup.isNative(TlsSetup.of(TlsSpec.defaults(), LoopTlsProvider.JDK).engine("localhost", 443)));
        assertEquals("the JDK's TLS", LoopTlsProvider.JDK.describe());
    }
}
