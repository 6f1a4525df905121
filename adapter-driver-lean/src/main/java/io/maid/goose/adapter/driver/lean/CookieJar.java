package io.maid.goose.adapter.driver.lean;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One virtual user's cookies, after RFC 6265 §5: {@code Set-Cookie} name=value pairs stored with their
 * {@code Domain} (host-only when absent; rejected when it does not domain-match the host that set it),
 * {@code Path} (the default path when absent), {@code Expires} / {@code Max-Age} (Max-Age wins; zero or
 * negative deletes) and {@code Secure}. A cookie replaces an earlier one with the same name, domain and path.
 * Sent back as one {@code Cookie} header, longest path first. Public-suffix checks and {@code SameSite} are
 * out of scope: a load test talks to the target it was given.
 *
 * <p>The encoded header is cached per request path until the jar changes or its earliest cookie expires, so
 * a user that holds cookies pays for them once, not per request.
 *
 * <p>Single-threaded: owned by one session.
 */
final class CookieJar {
    /** The most cookies one user keeps; beyond it the oldest goes (RFC 6265 §6.1 asks for at least 50). */
    static final int MAX_COOKIES = 64;
    private static final byte[] NONE = new byte[0];
    private static final DateTimeFormatter[] EXPIRES_FORMATS = {
            DateTimeFormatter.RFC_1123_DATE_TIME,
            DateTimeFormatter.ofPattern("EEE, dd-MMM-yyyy HH:mm:ss zzz", Locale.US),
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss zzz", Locale.US),
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC),
    };

    private final InstantSource clock;
    private final List<Cookie> cookies = new ArrayList<>(2);
    private long created;
    private long earliestExpiry = Long.MAX_VALUE;

    private String cachedPath;
    private Origin cachedOrigin;
    private byte[] cachedHeader;

    CookieJar(InstantSource clock) {
        this.clock = clock;
    }

    boolean isEmpty() {
        return cookies.isEmpty();
    }

    /** Stores what the response from {@code origin} to a request for {@code requestPath} set. */
    void store(List<String> setCookies, Origin origin, String requestPath) {
        if (setCookies.isEmpty()) {
            return;
        }
        long now = clock.millis();
        for (String setCookie : setCookies) {
            Cookie cookie = parse(setCookie, origin, requestPath, now);
            if (cookie != null) {
                put(cookie, now);
            }
        }
        recomputeExpiry();
        cachedPath = null;
    }

    /**
     * The {@code Cookie} header line (with CR LF) for a request to {@code origin} at {@code path}, or null
     * when no cookie applies. The caller must not modify the returned array.
     */
    byte[] header(Origin origin, String path) {
        if (cookies.isEmpty()) {
            return null;
        }
        if (earliestExpiry != Long.MAX_VALUE && clock.millis() >= earliestExpiry) {
            dropExpired(clock.millis());
        } else if (path.equals(cachedPath) && origin.equals(cachedOrigin)) {
            return cachedHeader == NONE ? null : cachedHeader;
        }
        List<Cookie> matching = new ArrayList<>(cookies.size());
        String host = origin.host().toLowerCase(Locale.ROOT);
        for (Cookie c : cookies) {
            if ((!c.secureOnly() || origin.secure()) && domainApplies(c, host) && pathMatches(path, c.path())) {
                matching.add(c);
            }
        }
        byte[] header = NONE;
        if (!matching.isEmpty()) {
            matching.sort((a, b) -> a.path().length() != b.path().length()
                    ? b.path().length() - a.path().length()
                    : Long.compare(a.created(), b.created()));
            StringBuilder line = new StringBuilder("Cookie: ");
            for (int i = 0; i < matching.size(); i++) {
                if (i > 0) {
                    line.append("; ");
                }
                line.append(matching.get(i).name()).append('=').append(matching.get(i).value());
            }
            header = line.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }
        cachedPath = path;
        cachedOrigin = origin;
        cachedHeader = header;
        return header == NONE ? null : header;
    }

    private void put(Cookie cookie, long now) {
        for (int i = 0; i < cookies.size(); i++) {
            Cookie old = cookies.get(i);
            if (old.name().equals(cookie.name()) && old.domain().equals(cookie.domain()) && old.path().equals(cookie.path())) {
                if (cookie.expiresAt() <= now) {
                    cookies.remove(i);
                } else {
                    cookies.set(i, cookie.withCreated(old.created()));
                }
                return;
            }
        }
        if (cookie.expiresAt() <= now) {
            return;
        }
        if (cookies.size() == MAX_COOKIES) {
            cookies.remove(0);
        }
        cookies.add(cookie);
    }

    private void dropExpired(long now) {
        cookies.removeIf(c -> c.expiresAt() <= now);
        recomputeExpiry();
        cachedPath = null;
    }

    private void recomputeExpiry() {
        long earliest = Long.MAX_VALUE;
        for (Cookie c : cookies) {
            earliest = Math.min(earliest, c.expiresAt());
        }
        earliestExpiry = earliest;
    }

    private Cookie parse(String setCookie, Origin origin, String requestPath, long now) {
        String[] parts = setCookie.split(";");
        int eq = parts[0].indexOf('=');
        if (eq < 0) {
            return null;
        }
        String name = parts[0].substring(0, eq).strip();
        String value = parts[0].substring(eq + 1).strip();
        if (name.isEmpty()) {
            return null;
        }
        String host = origin.host().toLowerCase(Locale.ROOT);
        String domain = null;
        String path = null;
        boolean secure = false;
        long expires = Long.MAX_VALUE;
        long maxAgeExpiry = 0;
        boolean hasMaxAge = false;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            int e = part.indexOf('=');
            String key = (e < 0 ? part : part.substring(0, e)).strip().toLowerCase(Locale.ROOT);
            String attr = e < 0 ? "" : part.substring(e + 1).strip();
            switch (key) {
                case "expires" -> {
                    long at = parseExpires(attr);
                    if (at != Long.MIN_VALUE) {
                        expires = at;
                    }
                }
                case "max-age" -> {
                    try {
                        long seconds = Long.parseLong(attr);
                        maxAgeExpiry = seconds <= 0 ? Long.MIN_VALUE
                                : (seconds > (Long.MAX_VALUE - now) / 1000 ? Long.MAX_VALUE : now + seconds * 1000);
                        hasMaxAge = true;
                    } catch (NumberFormatException ignored) {
                        // RFC 6265 §5.2.2: an invalid Max-Age is ignored
                    }
                }
                case "domain" -> {
                    String d = attr.startsWith(".") ? attr.substring(1) : attr;
                    if (!d.isEmpty()) {
                        domain = d.toLowerCase(Locale.ROOT);
                    }
                }
                case "path" -> path = attr.startsWith("/") ? attr : null;
                case "secure" -> secure = true;
                default -> {
                    // HttpOnly, SameSite and extensions do not change what a load client sends
                }
            }
        }
        boolean hostOnly = domain == null;
        if (hostOnly) {
            domain = host;
        } else if (!host.equals(domain) && (isIpLiteral(host) || !host.endsWith("." + domain))) {
            return null;
        }
        return new Cookie(name, value, domain, hostOnly, path == null ? defaultPath(requestPath) : path,
                hasMaxAge ? maxAgeExpiry : expires, secure, created++);
    }

    private static long parseExpires(String text) {
        for (DateTimeFormatter format : EXPIRES_FORMATS) {
            try {
                return ZonedDateTime.parse(text, format).toInstant().toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException notThisFormat) {
                // try the next one
            }
        }
        return Long.MIN_VALUE;
    }

    /** RFC 6265 §5.1.4. */
    static String defaultPath(String requestPath) {
        if (requestPath == null || !requestPath.startsWith("/")) {
            return "/";
        }
        int last = requestPath.lastIndexOf('/');
        return last <= 0 ? "/" : requestPath.substring(0, last);
    }

    /** RFC 6265 §5.1.4 path-match. */
    static boolean pathMatches(String requestPath, String cookiePath) {
        if (requestPath.equals(cookiePath)) {
            return true;
        }
        return requestPath.startsWith(cookiePath)
                && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
    }

    private static boolean domainApplies(Cookie c, String host) {
        if (c.hostOnly()) {
            return host.equals(c.domain());
        }
        return host.equals(c.domain()) || (host.endsWith(c.domain()) && host.charAt(host.length() - c.domain().length() - 1) == '.');
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(ch -> ch == '.' || (ch >= '0' && ch <= '9'));
    }

    private record Cookie(String name, String value, String domain, boolean hostOnly, String path, long expiresAt,
                          boolean secureOnly, long created) {
        Cookie withCreated(long when) {
            return new Cookie(name, value, domain, hostOnly, path, expiresAt, secureOnly, when);
        }
    }
}
