package io.maid.goose.adapter.lean;

import java.net.URI;
import java.util.Locale;

/**
 * Where a connection goes: scheme (plain or TLS), host and port.
 *
 * @param secure whether the connection speaks TLS
 * @param host   the host name or IP literal, without IPv6 brackets
 * @param port   the TCP port, defaulted from the scheme when the URL has none
 */
record Origin(boolean secure, String host, int port) {

    /** The origin of an absolute http or https URL. */
    static Origin of(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        boolean secure;
        if (scheme.equals("https")) {
            secure = true;
        } else if (scheme.equals("http")) {
            secure = false;
        } else {
            throw new IllegalArgumentException("only http and https URLs can be loaded, not '" + url + "'");
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("the URL '" + url + "' names no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = url.getPort() >= 0 ? url.getPort() : (secure ? 443 : 80);
        return new Origin(secure, host, port);
    }

    /** The {@code Host} header value: the port only when it is not the scheme's default. */
    String hostHeader() {
        String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == (secure ? 443 : 80) ? name : name + ":" + port;
    }

    /** The origin as an absolute URL prefix, e.g. {@code https://example.com:8443}. */
    String url() {
        return (secure ? "https://" : "http://") + hostHeader();
    }
}
