package io.maid.goose.adapter.driver.lean;

import io.netty.handler.ssl.OpenSsl;

import java.util.Locale;

/**
 * Which TLS implementation the event loops' https connections use. Both sit behind the same {@code SSLEngine}
 * contract and keep the same rules (trust, host name checks, SNI, TLS 1.3 and 1.2, resumption); they differ in
 * cost: BoringSSL (Google's OpenSSL fork, through netty-tcnative's native library) keeps each connection's cipher
 * state, where the JDK's implementation sets AES-GCM up again for every record and allocates kilobytes per
 * request. Blocking sockets ({@link LeanTransport}) always use the JDK's.
 */
public enum LoopTlsProvider {
    /** BoringSSL where its native library loads on this platform, the JDK's otherwise. */
    AUTO,
    /** BoringSSL, or the transport refuses to start. */
    BORINGSSL,
    /** The JDK's own, always available (e.g. for a FIPS-configured JDK provider). */
    JDK;

    /** The settings name: {@code auto}, {@code boringssl} or {@code jdk}. */
    public String settingsName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the choices when {@code name} is none of them
     */
    public static LoopTlsProvider named(String name) {
        for (LoopTlsProvider p : values()) {
            if (p.settingsName().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("must be one of auto, boringssl, jdk, was '" + name + "'");
    }

    /** Whether BoringSSL's native library loaded in this JVM. */
    public static boolean boringSslAvailable() {
        return OpenSsl.isAvailable();
    }

    /** Whether connections of this choice use BoringSSL here. */
    boolean usesBoringSsl() {
        return this == BORINGSSL || (this == AUTO && boringSslAvailable());
    }

    /**
     * @throws IllegalStateException with the reason the native library did not load, when BoringSSL is required
     *                               and not available
     */
    void check() {
        if (this == BORINGSSL && !boringSslAvailable()) {
            Throwable cause = OpenSsl.unavailabilityCause();
            throw new IllegalStateException("engine.tls_provider is boringssl, but BoringSSL could not be loaded on this"
                    + " platform (" + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + "): "
                    + (cause == null ? "unknown reason" : cause.getMessage()), cause);
        }
    }

    /** What this choice uses here, for logs: e.g. {@code BoringSSL (netty-tcnative)} or {@code the JDK's}. */
    public String describe() {
        return usesBoringSsl() ? "BoringSSL (" + OpenSsl.versionString() + ", netty-tcnative)" : "the JDK's TLS";
    }
}
