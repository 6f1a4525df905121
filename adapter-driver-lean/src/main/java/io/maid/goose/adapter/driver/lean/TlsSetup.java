package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.TlsSpec;
import io.maid.goose.support.http.TlsContexts;
import io.maid.goose.support.http.TlsSetupException;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.Socket;



/**
 * How TLS connections are made for one {@link TlsSpec}: trust as {@link TlsContexts#forSpec} says, and host
 * name checks ({@code HTTPS} endpoint identification) unless {@code verify=false}.
 *
 * <p>A spec that cannot be set up (an unreadable or empty bundle) yields a setup holding only the reason,
 * so that the session can fail each request with it instead of failing the run.
 *
 * @param factory    makes TLS sockets over connected plain sockets; null when {@code error} is set
 * @param verifyHost whether the server's certificate must name the host
 * @param error      why TLS could not be set up, or null
 */
record TlsSetup(SSLSocketFactory factory, boolean verifyHost, String error) {

    static TlsSetup of(TlsSpec tls) {
        try {
            return new TlsSetup(TlsContexts.forSpec(tls).getSocketFactory(), tls.verify(), null);
        } catch (TlsSetupException e) {
            return new TlsSetup(null, false, e.getMessage());
        }
    }

    /** Layers TLS over a connected socket; the handshake happens on {@link SSLSocket#startHandshake()}. */
    SSLSocket layer(Socket connected, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) factory.createSocket(connected, host, port, true);
        if (verifyHost) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
        }
        return socket;
    }
}
