package io.maid.goose.adapter.driver.lean;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
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

    /**
     * The socket address to connect to when the host is an IP literal, made without any name lookup; null
     * when the host is a name, which has to be resolved (blocking) first.
     *
     * <p>Only the plain forms count as IPv4 literals: four dot-separated decimals of 0 to 255 without leading
     * zeros. Anything else without a colon (legacy forms like {@code 127.1} included) is treated as a name,
     * so a resolver decides what it means, off the loop. IPv6 literals (Origin keeps them unbracketed, and a
     * host name never holds a colon) are parsed by the JDK, which never looks a literal up.
     */
    InetSocketAddress literalAddress() {
        if (host.indexOf(':') >= 0) {
            return new InetSocketAddress(host, port);
        }
        byte[] v4 = ipv4(host);
        if (v4 == null) {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(v4), port);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("four bytes are an IPv4 address", impossible);
        }
    }

    /** The four bytes of a plain dotted-decimal IPv4 literal, or null when {@code host} is not one. */
    static byte[] ipv4(String host) {
        byte[] bytes = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0, n = host.length(); i <= n; i++) {
            char c = i == n ? '.' : host.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return null; // a leading zero: octal to some parsers, so not plain
                }
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return null;
                }
            } else if (c == '.' && digits > 0 && part < 4) {
                bytes[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? bytes : null;
    }

    /** The origin as an absolute URL prefix, e.g. {@code https://example.com:8443}. */
    String url() {
        return (secure ? "https://" : "http://") + hostHeader();
    }
}
