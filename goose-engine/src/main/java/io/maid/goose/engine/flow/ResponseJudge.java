package io.maid.goose.engine.flow;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.flow.Check;
import io.maid.goose.domain.flow.Expectation;
import io.maid.goose.domain.flow.Extractor;
import io.maid.goose.engine.flow.TransactionPlan.CheckPlan;
import io.maid.goose.engine.flow.TransactionPlan.ExtractorPlan;
import io.maid.goose.engine.metrics.FlowCounters;
import io.maid.goose.ports.out.JsonBodyReader;
import io.maid.goose.ports.out.RequestOutcome;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a transaction's extractors and checks on a response that arrived, on the user's own thread or loop.
 *
 * <p>Extractors run first, in order, so a check may compare with a value just taken: a value found is set in
 * the session; a miss sets the extractor's default, or, without one, fails the request as
 * {@link ErrorKind#EXTRACT_FAILED} and leaves the variable as it was. Then every check runs (a failed one does
 * not stop the others), each pass or failure counted in the user's {@link FlowCounters}; any failure fails
 * the request as {@link ErrorKind#CHECK_FAILED}, which wins over a failed extractor. A check whose template
 * references an unset variable fails; a custom check or extractor that throws fails or misses.
 *
 * <p>One per user; not thread-safe.
 */
final class ResponseJudge {
    private final UserSession session;
    private final JsonBodyReader json;
    private final FlowCounters counters;
    private final RequestRenderer renderer;
    private String detail;

    ResponseJudge(UserSession session, JsonBodyReader json, FlowCounters counters, RequestRenderer renderer) {
        this.session = session;
        this.json = json;
        this.counters = counters;
        this.renderer = renderer;
    }

    /** The failure it found ({@link ErrorKind#CHECK_FAILED} or {@link ErrorKind#EXTRACT_FAILED}), or null. */
    ErrorKind judge(TransactionPlan t, RequestOutcome outcome, long latencyNanos) {
        CapturedView view = new CapturedView(outcome, latencyNanos);
        String extractFailure = null;
        for (ExtractorPlan e : t.extractors) {
            String value = extract(e, view);
            if (value == null) {
                value = e.extractor().defaultValue();
            }
            if (value != null) {
                session.set(e.extractor().var(), value);
            } else if (extractFailure == null) {
                extractFailure = e.failure();
            }
        }
        String checkFailure = null;
        for (CheckPlan c : t.checks) {
            if (passes(c, view, latencyNanos)) {
                counters.checkPassed(c.index());
            } else {
                counters.checkFailed(c.index());
                if (checkFailure == null) {
                    checkFailure = c.failure();
                }
            }
        }
        detail = checkFailure != null ? checkFailure : extractFailure;
        return checkFailure != null ? ErrorKind.CHECK_FAILED : extractFailure != null ? ErrorKind.EXTRACT_FAILED : null;
    }

    /** What the last failing {@link #judge} found, for the error samples. */
    String detail() {
        return detail;
    }

    private String extract(ExtractorPlan plan, CapturedView view) {
        return switch (plan.extractor()) {
            case Extractor.JsonValue j -> json(view, j.pointer());
            case Extractor.RegexMatch r -> {
                Matcher m = plan.pattern().matcher(view.bodyText());
                yield m.find() ? m.group(r.group()) : null;
            }
            case Extractor.HeaderValue h -> view.header(h.header());
            case Extractor.CookieValue c -> view.cookie(c.cookie());
            case Extractor.Custom c -> {
                try {
                    yield c.function().apply(view);
                } catch (RuntimeException e) {
                    yield null;
                }
            }
        };
    }

    private boolean passes(CheckPlan plan, CapturedView view, long latencyNanos) {
        return switch (plan.check()) {
            case Check.Status s -> oneOf(view.status(), s.codes());
            case Check.BodyContains b -> {
                String text = renderer.render(b.text(), session, null);
                yield text != null && view.bodyText().contains(text);
            }
            case Check.BodyMatches m -> plan.pattern().matcher(view.bodyText()).find();
            case Check.Json j -> meets(json(view, j.pointer()), j.expect(), plan.pattern());
            case Check.Header h -> meets(view.header(h.header()), h.expect(), plan.pattern());
            case Check.MaxLatency l -> latencyNanos <= l.ms() * 1e6;
            case Check.Custom c -> {
                try {
                    yield c.predicate().test(view);
                } catch (RuntimeException e) {
                    yield false;
                }
            }
        };
    }

    private static boolean oneOf(int status, List<Integer> codes) {
        for (int i = 0; i < codes.size(); i++) {
            if (codes.get(i) == status) {
                return true;
            }
        }
        return false;
    }

    private boolean meets(String value, Expectation expect, Pattern pattern) {
        if (value == null) {
            return false;
        }
        return switch (expect) {
            case Expectation.Exists e -> true;
            case Expectation.Equals e -> value.equals(renderer.render(e.value(), session, null));
            case Expectation.Matches m -> pattern.matcher(value).find();
        };
    }

    private String json(CapturedView view, String pointer) {
        byte[] body = view.body();
        try {
            return json.read(body, body.length, pointer);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
