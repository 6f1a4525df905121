package io.maid.goose.support.http;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.TargetAllowList;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The one check every transport makes before it follows a redirect hop: where the {@code Location} leads
 * (resolved against the URL just requested, RFC 3986 §5), that it is an http(s) URL with a host, and that the
 * host is on the run's target allow-list. The allow-list holds on every hop, so a target that is allowed
 * cannot send load elsewhere by redirecting it.
 *
 * <p>Which statuses redirect is also said once, here: 301, 302, 303, 307 and 308 (with a {@code Location}),
 * at most {@value #MAX_HOPS} hops per request.
 */
public final class Redirects {
    /** The most redirect hops one request follows. */
    public static final int MAX_HOPS = 10;

    private Redirects() {
    }

    public static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * Where a redirect from {@code current} to {@code location} leads.
     *
     * @param current  the absolute URL of the request that was redirected
     * @param location the {@code Location} header's value, absolute or relative
     * @return the next hop's absolute URL
     * @throws Refused {@link ErrorKind#PROTOCOL_ERROR} for a Location that is not a usable http(s) URI reference,
     *                 {@link ErrorKind#REDIRECT_NOT_ALLOWED} (naming the host) for a host not on {@code allowed}
     */
    public static URI next(URI current, String location, TargetAllowList allowed) throws Refused {
        URI next;
        try {
            next = current.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new Refused(ErrorKind.PROTOCOL_ERROR, "unusable redirect Location '" + clip(location) + "'");
        }
        check(next, allowed);
        return next;
    }

    /**
     * Checks a hop whose absolute URL is already known (a client that resolves {@code Location} itself).
     *
     * @throws Refused as {@link #next} does
     */
    public static void check(URI next, TargetAllowList allowed) throws Refused {
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || next.getHost() == null || next.getHost().isEmpty()) {
            throw new Refused(ErrorKind.PROTOCOL_ERROR, "unusable redirect Location '" + clip(next.toString())
                    + "': not an http(s) URL with a host");
        }
        if (!allowed.allowsHost(next.getHost())) {
            throw new Refused(ErrorKind.REDIRECT_NOT_ALLOWED, "redirect to host '" + clip(next.getHost())
                    + "' not followed: the host is not on the target allow-list");
        }
    }

    private static String clip(String text) {
        return text.length() <= 200 ? text : text.substring(0, 197) + "...";
    }

    /** A hop that is not followed, and why: {@link #kind()} is how the request fails. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient ErrorKind kind;

        Refused(ErrorKind kind, String detail) {
            super(detail, null, false, false);
            this.kind = kind;
        }

        public ErrorKind kind() {
            return kind;
        }
    }
}
