package io.maid.goose.adapter.driver.httpclient5;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.support.http.Redirects;
import org.apache.hc.client5.http.impl.DefaultRedirectStrategy;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.protocol.HttpContext;

import java.net.URI;

/**
 * HttpClient's redirect handling, with the hop check every transport makes ({@link Redirects#check}): a hop
 * to a host not on the session's allow-list (the context's {@link #ATTRIBUTE}) is not followed and fails the
 * request, naming the host.
 */
final class AllowListRedirects extends DefaultRedirectStrategy {
    static final String ATTRIBUTE = AllowListRedirects.class.getName();

    @Override
    public URI getLocationURI(HttpRequest request, HttpResponse response, HttpContext context) throws HttpException {
        URI next = super.getLocationURI(request, response, context);
        TargetAllowList allowed = context.getAttribute(ATTRIBUTE) instanceof TargetAllowList list ? list : TargetAllowList.anyHost();
        try {
            Redirects.check(next, allowed);
        } catch (Redirects.Refused e) {
            throw new Refused(e.kind(), e.getMessage());
        }
        return next;
    }

    /** A hop that was not followed; {@link #kind()} is how the request fails. */
    static final class Refused extends ProtocolException {
        private static final long serialVersionUID = 1L;
        private final transient ErrorKind kind;

        Refused(ErrorKind kind, String message) {
            super(message);
            this.kind = kind;
        }

        ErrorKind kind() {
            return kind;
        }
    }
}
