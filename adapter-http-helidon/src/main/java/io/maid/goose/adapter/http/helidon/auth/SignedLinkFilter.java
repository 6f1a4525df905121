package io.maid.goose.adapter.http.helidon.auth;

import io.maid.goose.adapter.http.helidon.ApiResponses;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.maid.goose.domain.Principal;
import io.maid.goose.domain.Scopes;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets in a request for a report file that carries a valid signed link ({@link ReportLinks}) instead of a
 * credential. It runs before {@link AuthFilter}; a request it lets in holds a read-only {@link Principal}
 * and a {@link SignedReportLink}, and only on the path of a file of the signed run: a signature on any
 * other path, or on another run's files, is no credential at all. A request that sends a credential too is
 * ambiguous and refused, like any request with two credentials.
 */
public final class SignedLinkFilter implements Filter {
    static final String EXPIRES = "expires";
    static final String SIGNATURE = "signature";

    private final ReportLinks links;
    private final ApiResponses responses;
    private final Pattern reportPath;

    public SignedLinkFilter(ReportLinks links, ApiResponses responses, String basePath) {
        this.links = links;
        this.responses = responses;
        this.reportPath = Pattern.compile(Pattern.quote(basePath + "/reports/") + "([^/]+)/[^/]+");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        List<String> signatures = req.query().all(SIGNATURE, List::of);
        List<String> expires = req.query().all(EXPIRES, List::of);
        Matcher m = reportPath.matcher(req.path().path());
        if ((signatures.isEmpty() && expires.isEmpty()) || !m.matches()) {
            chain.proceed();
            return;
        }
        if (req.headers().contains(HeaderNames.AUTHORIZATION) || req.headers().contains(AuthFilter.API_KEY)) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer error=\"invalid_request\"");
            responses.error(res, 400, "invalid_request", "send exactly one credential: a signed link or a header");
            return;
        }
        if (signatures.size() != 1 || expires.size() != 1) {
            responses.error(res, 403, "invalid_link", "a report link carries exactly one expires and one signature");
            return;
        }
        String runId = m.group(1).toLowerCase(Locale.ROOT);
        switch (links.check(runId, expires.get(0), signatures.get(0))) {
            case INVALID -> responses.error(res, 403, "invalid_link",
                    "this report link is not valid for this run; open the run in the dashboard for a fresh one");
            case EXPIRED -> responses.error(res, 403, "link_expired",
                    "this report link has expired; open the run in the dashboard for a fresh one");
            case VALID -> {
                req.context().register(new Principal(true, "report-link:" + runId, Set.of(Scopes.READ), null));
                req.context().register(new SignedReportLink(runId));
                chain.proceed();
            }
        }
    }
}
