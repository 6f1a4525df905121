package io.maid.goose.adapter.cluster.pekko;

/** A node's {@code host:port} ({@code [::1]:25520} for IPv6). */
public record HostPort(String host, int port) {
    /**
     * @param what the setting or option it came from, for the message
     * @throws ClusterSettingsException when it is not {@code host:port} with a port of 1..65535
     */
    public static HostPort parse(String text, String what) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new ClusterSettingsException(what + ": '" + text + "' is not HOST:PORT");
        }
        String host = text.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ClusterSettingsException(what + ": '" + text + "' has no numeric port");
        }
        if (port < 1 || port > 65535) {
            throw new ClusterSettingsException(what + ": '" + text + "' has a port outside 1..65535");
        }
        if (host.contains(":") && !(host.startsWith("[") && host.endsWith("]"))) {
            throw new ClusterSettingsException(what + ": '" + text + "': write an IPv6 address in brackets, [::1]:25520");
        }
        return new HostPort(host, port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
