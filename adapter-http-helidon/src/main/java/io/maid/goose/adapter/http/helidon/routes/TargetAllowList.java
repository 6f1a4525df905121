package io.maid.goose.adapter.http.helidon.routes;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which hosts a run may load. A pattern is an exact host ({@code api.example.com}, {@code localhost},
 * {@code 127.0.0.1}) or {@code *.example.com}, which matches any subdomain but not the bare domain. An
 * empty list allows every host.
 */
public final class TargetAllowList {
    private final List<String> patterns;

    public TargetAllowList(List<String> patterns) {
        this.patterns = patterns.stream().map(TargetAllowList::normalize).toList();
    }

    public static void validatePattern(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("allowed_targets holds a blank pattern");
        }
        String p = pattern.trim();
        if (p.contains("/") || p.contains("://") || p.contains(" ")) {
            throw new IllegalArgumentException("allowed_targets pattern '" + p
                    + "' must be a host or *.domain, without scheme, port or path");
        }
        if (p.indexOf('*') >= 0 && !(p.startsWith("*.") && p.indexOf('*', 1) < 0 && p.length() > 2)) {
            throw new IllegalArgumentException("allowed_targets pattern '" + p
                    + "' may only use a wildcard as its first label, as in *.example.com");
        }
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }

    public boolean allows(URI target) {
        if (patterns.isEmpty()) {
            return true;
        }
        String host = target.getHost();
        if (host == null) {
            return false;
        }
        host = normalize(host);
        for (String p : patterns) {
            if (p.startsWith("*.")) {
                String suffix = p.substring(1);
                if (host.endsWith(suffix) && host.length() > suffix.length()) {
                    return true;
                }
            } else if (p.equals(host)) {
                return true;
            }
        }
        return false;
    }

    private static String normalize(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
