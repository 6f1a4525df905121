package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.TlsSpec;
import io.maid.goose.support.http.TlsContexts;
import io.maid.goose.support.http.TlsSetupException;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCounted;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.Socket;
import java.util.List;

/**
 * How TLS connections are made for one {@link TlsSpec}: trust as {@link TlsContexts#forSpec} says, host name
 * checks ({@code HTTPS} endpoint identification) unless {@code verify=false}, SNI from the target's host name
 * (never for an IP literal, as RFC 6066 says), and TLS 1.3 and 1.2.
 *
 * <p>Two implementations behind the same {@link SSLEngine} contract ({@link LoopTlsProvider}): the event loops'
 * engines come from BoringSSL (through netty-tcnative) or the JDK; blocking sockets ({@link #layer}) always use
 * the JDK's.
 *
 * <p>One setup, and so one context, per spec and transport: each context's client session cache is keyed by
 * host and port, so a user that reconnects to the same origin resumes its TLS session (an abbreviated
 * handshake) instead of paying a full one.
 *
 * <p>A spec that cannot be set up (an unreadable or empty bundle) yields a setup holding only the reason,
 * so that the session can fail each request with it instead of failing the run.
 *
 * @param context    the JDK client context; null when {@code error} is set
 * @param loop       the BoringSSL client context for event loops; null when the native library is not available
 *                   here (or {@code error} is set)
 * @param verifyHost whether the server's certificate must name the host
 * @param error      why TLS could not be set up, or null
 */
record TlsSetup(SSLContext context, SslContext loop, boolean verifyHost, String error) {

    /** A setup for blocking sockets only (the JDK's TLS). */
    static TlsSetup of(TlsSpec tls) {
        return of(tls, LoopTlsProvider.JDK);
    }

    /** A setup whose loop engines come from {@code provider}. */
    static TlsSetup of(TlsSpec tls, LoopTlsProvider provider) {
        try {
            return new TlsSetup(TlsContexts.forSpec(tls), provider.usesBoringSsl() ? boringSsl(tls) : null, tls.verify(), null);
        } catch (TlsSetupException e) {
            return new TlsSetup(null, null, false, e.getMessage());
        }
    }

    private static SslContext boringSsl(TlsSpec tls) {
        try {
            return SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL_REFCNT)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .trustManager(TlsContexts.trustManagersFor(tls)[0])
                    .endpointIdentificationAlgorithm(tls.verify() ? "HTTPS" : null)
                    .build();
        } catch (SSLException e) {
            throw new TlsSetupException("TLS could not be set up: " + e.getMessage(), e);
        }
    }

    /** Layers TLS over a connected socket; the handshake happens on {@link SSLSocket#startHandshake()}. */
    SSLSocket layer(Socket connected, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(connected, host, port, true);
        socket.setSSLParameters(parameters(socket.getSSLParameters(), host));
        return socket;
    }

    /** A client engine for {@code host:port}, not started; its session may be resumed from an earlier one. */
    SSLEngine engine(String host, int port) {
        SSLEngine engine = loop != null ? loop.newEngine(PooledByteBufAllocator.DEFAULT, host, port)
                : context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        engine.setSSLParameters(parameters(engine.getSSLParameters(), host));
        return engine;
    }

    /** Whether {@code engine} is BoringSSL's (native state, direct buffers), not the JDK's. */
    static boolean isNative(SSLEngine engine) {
        return engine instanceof ReferenceCounted;
    }

    private SSLParameters parameters(SSLParameters parameters, String host) {
        if (verifyHost) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (host.indexOf(':') < 0 && Origin.ipv4(host) == null) {
            try {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            } catch (IllegalArgumentException notAnSniName) {
                // a name SNI cannot carry (e.g. with a trailing dot): the handshake goes without it
            }
        }
        return parameters;
    }
}
