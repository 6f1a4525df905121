package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.support.http.Redirects;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Where one request's redirects lead, hop by hop: 301, 302, 303, 307 and 308 with a {@code Location} are
 * followed, at most {@value #MAX_REDIRECTS} hops, and only to hosts on the session's target allow-list
 * ({@link Redirects#next}, the check every transport makes); 303 turns the request into a GET (HEAD stays
 * HEAD), and so do 301 and 302 for a POST, as browsers do. The configured headers go along on every hop; a
 * configured {@code Host} only on hops to the session's own origin.
 *
 * <p>Made for one redirected request and dropped after it; single-threaded.
 */
final class RedirectChain {
    static final int MAX_REDIRECTS = Redirects.MAX_HOPS;

    private final Origin home;
    private final RequestSpec spec;
    private final TargetAllowList allowed;
    private URI current;
    private String method;
    private byte[] body;
    private int hops;
    private Origin to;
    private boolean sameOrigin;

    /**
     * @param home  the session's own origin (its base URL's)
     * @param first the request as first sent
     * @param spec    the request as configured
     * @param allowed the hosts hops may go to
     */
    RedirectChain(Origin home, EncodedRequest first, RequestSpec spec, TargetAllowList allowed) {
        this.home = home;
        this.spec = spec;
        this.allowed = allowed;
        this.current = URI.create(home.url() + first.target());
        this.method = first.method();
        this.body = spec.body() == null ? null : spec.body().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The request for the next hop, after a redirect {@code status} pointing to {@code location}; then
     * {@link #to()} is where it goes.
     *
     * @throws Failures.Classified {@link ErrorKind#PROTOCOL_ERROR} past the hop limit, or for a Location that
     *                             is not a usable http(s) URI reference; {@link ErrorKind#REDIRECT_NOT_ALLOWED}
     *                             for a hop to a host not on the allow-list
     */
    EncodedRequest next(int status, String location) throws Failures.Classified {
        if (hops == MAX_REDIRECTS) {
            throw new Failures.Classified(ErrorKind.PROTOCOL_ERROR,
                    "more than " + MAX_REDIRECTS + " redirects; the last pointed to " + location);
        }
        URI next;
        Origin target;
        try {
            next = Redirects.next(current, location, allowed);
            target = Origin.of(next);
        } catch (Redirects.Refused e) {
            throw new Failures.Classified(e.kind(), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Failures.Classified(ErrorKind.PROTOCOL_ERROR, "unusable redirect Location '" + location + "'");
        }
        if ((status == 303 && !method.equals("HEAD")) || ((status == 301 || status == 302) && method.equals("POST"))) {
            method = "GET";
            body = null;
        }
        String path = next.getRawPath() == null || next.getRawPath().isEmpty() ? "/" : next.getRawPath();
        String hopTarget = next.getRawQuery() == null ? path : path + "?" + next.getRawQuery();
        sameOrigin = target.equals(home);
        to = target;
        current = next;
        hops++;
        return RequestEncoder.build(method, target.hostHeader(), hopTarget, path, spec.headers(), sameOrigin, body);
    }

    /** Where the last hop returned by {@link #next} goes. */
    Origin to() {
        return to;
    }

    /** Whether the last hop goes to the session's own origin (and so on its kept-alive connection). */
    boolean sameOrigin() {
        return sameOrigin;
    }
}
