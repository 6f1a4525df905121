package io.maid.goose.adapter.plugins.mistral;

import java.net.URI;

/** Joins routes onto configured base URLs and prints those URLs without any credentials. */
final class Endpoints {
    private Endpoints() {
    }

    /** {@code base} + {@code route}, with exactly one slash between the base path and the route. */
    static URI resolve(URI base, String route) {
        String s = base.toString();
        int cut = s.indexOf('?');
        if (cut >= 0) {
            s = s.substring(0, cut);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s + route);
    }

    /** The URL as safe to show: scheme, host, port and path; user info, query and fragment dropped. */
    static String display(URI uri) {
        if (uri == null) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder();
        if (uri.getScheme() != null) {
            b.append(uri.getScheme()).append("://");
        }
        b.append(uri.getHost() == null ? "?" : uri.getHost());
        if (uri.getPort() >= 0) {
            b.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            b.append(uri.getRawPath());
        }
        return b.toString();
    }
}
