package io.maid.goose.domain;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hosts load may be sent to, on the first request and on every redirect hop.
 *
 * <p>A pattern is one of:
 * <ul>
 *   <li>an exact host: a name ({@code api.example.com}, {@code localhost}) or an IP literal ({@code 127.0.0.1},
 *       {@code ::1}, brackets optional);</li>
 *   <li>{@code *.example.com}: any subdomain of {@code example.com}, at any depth, but not {@code example.com}
 *       itself;</li>
 *   <li>{@code *}: any host.</li>
 * </ul>
 * Hosts compare case-insensitively, without IPv6 brackets and without a trailing dot. Patterns carry no
 * scheme, port or path: the list says where load may go, not how. An empty list allows no host at all.
 *
 * <p>Immutable and thread-safe.
 */
public final class TargetAllowList {
    /** The pattern that allows any host. */
    public static final String ANY = "*";

    private static final TargetAllowList ANY_HOST = new TargetAllowList(List.of(ANY));
    private static final TargetAllowList LOOPBACK = new TargetAllowList(List.of("127.0.0.1", "localhost", "::1"));

    private final List<String> patterns;
    private final List<String> normalized;
    private final boolean any;

    private TargetAllowList(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        List<String> n = new ArrayList<>(patterns.size());
        for (String p : patterns) {
            n.add(normalize(p));
        }
        this.normalized = List.copyOf(n);
        this.any = normalized.contains(ANY);
    }

    /**
     * The list of {@code patterns}, as given (surrounding blanks dropped).
     *
     * @throws ConfigException naming the offending entry ({@code <index>}) when a pattern is blank, carries a
     *                         scheme, port, path or space, or uses a wildcard other than a leading {@code *.}
     */
    public static TargetAllowList of(List<String> patterns) {
        Checks.required("allowed_targets", patterns);
        List<String> kept = new ArrayList<>(patterns.size());
        for (int i = 0; i < patterns.size(); i++) {
            kept.add(checked(Integer.toString(i), patterns.get(i)));
        }
        return new TargetAllowList(kept);
    }

    /** Every host: {@code ["*"]}. What an embedder gets unless it says otherwise. */
    public static TargetAllowList anyHost() {
        return ANY_HOST;
    }

    /** The loopback interface only: {@code 127.0.0.1}, {@code localhost} and {@code ::1}. */
    public static TargetAllowList loopback() {
        return LOOPBACK;
    }

    /** Whether the list holds {@code *}. */
    public boolean allowsAnyHost() {
        return any;
    }

    /** Whether no host at all is allowed (the list is empty). */
    public boolean isEmpty() {
        return normalized.isEmpty();
    }

    /** The patterns as given. */
    public List<String> patterns() {
        return patterns;
    }

    /** Whether load may go to {@code url}'s host; false for a URL without a host. */
    public boolean allows(URI url) {
        return url != null && allowsHost(url.getHost());
    }

    /** Whether load may go to {@code host} (a name or an IP literal, brackets optional); false for null or blank. */
    public boolean allowsHost(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        if (any) {
            return true;
        }
        String h = normalize(host);
        for (String p : normalized) {
            if (p.startsWith("*.")) {
                String suffix = p.substring(1);
                if (h.endsWith(suffix) && h.length() > suffix.length()) {
                    return true;
                }
            } else if (p.equals(h)) {
                return true;
            }
        }
        return false;
    }

    /** The patterns for people, e.g. {@code 127.0.0.1, localhost, ::1}, or {@code * (any host)}. */
    public String describe() {
        if (any) {
            return "* (any host)";
        }
        return patterns.isEmpty() ? "(none: no host is allowed)" : String.join(", ", patterns);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TargetAllowList other && normalized.equals(other.normalized);
    }

    @Override
    public int hashCode() {
        return normalized.hashCode();
    }

    @Override
    public String toString() {
        return "TargetAllowList" + patterns;
    }

    private static String checked(String field, String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new ConfigException(field, "must be a host name, an IP address, *.domain or *, not blank");
        }
        String p = pattern.strip();
        if (p.equals(ANY)) {
            return p;
        }
        if (p.contains("/") || p.contains(" ") || p.contains("@") || (p.contains(":") && !isIpv6(p))) {
            throw new ConfigException(field, "'" + p + "' must be a host, *.domain or *, without scheme, port or path");
        }
        if (p.indexOf('*') >= 0 && !(p.startsWith("*.") && p.indexOf('*', 1) < 0 && p.length() > 2)) {
            throw new ConfigException(field, "'" + p + "' may only use a wildcard as its first label, as in *.example.com");
        }
        return p;
    }

    /** An IPv6 literal, bracketed or not: only hex digits, colons and dots (for an embedded IPv4 tail). */
    private static boolean isIpv6(String p) {
        String h = p.startsWith("[") && p.endsWith("]") ? p.substring(1, p.length() - 1) : p;
        if (h.indexOf(':') < 0) {
            return false;
        }
        for (int i = 0; i < h.length(); i++) {
            char c = Character.toLowerCase(h.charAt(i));
            if (!(c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static String normalize(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
