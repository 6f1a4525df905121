package io.maid.goose.engine.flow;

import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.flow.Check;
import io.maid.goose.domain.flow.Expectation;
import io.maid.goose.domain.flow.Extractor;
import io.maid.goose.domain.flow.HttpStep;
import io.maid.goose.domain.flow.ThinkTime;
import io.maid.goose.ports.out.SendOptions;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * A transaction made ready to run, once per run and shared by every user of its scenario: its constant
 * request built once (the same object on every send, the transports' pre-encoded fast path) or its
 * templates to render, the {@link SendOptions} of every send (made once), its feeder, its checks and
 * extractors with their regexes compiled, and the pause after it. Immutable.
 */
public final class TransactionPlan {
    final Transaction transaction;
    final HttpStep step;
    /** Its index among the scenario's transactions (on_start, iteration, on_stop): its slot offset. */
    final int local;
    /** The request sent every time, or null when the step is templated. */
    final RequestSpec constant;
    final SendOptions options;
    /** Where it takes a row from, or null. */
    final Feeder feeder;
    final CheckPlan[] checks;
    final ExtractorPlan[] extractors;
    /** Whether a check or an extractor looks at the response. */
    final boolean judged;
    final ThinkTime thinkTime;
    private final long fixedThinkNanos;

    /** A check with its regex compiled and its failure message made; {@code index} is local to the scenario. */
    record CheckPlan(Check check, int index, Pattern pattern, String failure) {
    }

    /** An extractor with its regex compiled and its failure message made. */
    record ExtractorPlan(Extractor extractor, Pattern pattern, String failure) {
    }

    /**
     * @param firstCheck the scenario-local index of its first check
     * @param runThink   the run's think time, used when the transaction sets none
     */
    TransactionPlan(Transaction t, int local, int firstCheck, Map<String, Feeder> feeders, ThinkTime runThink,
                    int maxCaptureBytes) {
        this.transaction = t;
        this.step = t.http();
        this.local = local;
        boolean constantStep = step.isConstant();
        this.constant = constantStep ? step.constantRequest() : null;
        boolean body = t.readsBody();
        boolean headers = t.readsHeaders();
        this.options = constantStep && !body && !headers ? SendOptions.STATIC
                : new SendOptions(constantStep, headers, body ? maxCaptureBytes : 0);
        this.feeder = t.feed() == null ? null : feeders.get(t.feed());
        if (t.feed() != null && feeder == null) {
            throw new IllegalArgumentException("transaction '" + t.name() + "' feeds from '" + t.feed()
                    + "', which the run does not declare");
        }
        this.checks = new CheckPlan[t.checks().size()];
        for (int i = 0; i < checks.length; i++) {
            Check c = t.checks().get(i);
            checks[i] = new CheckPlan(c, firstCheck + i, pattern(c), "check '" + c.label() + "' failed");
        }
        this.extractors = new ExtractorPlan[t.extract().size()];
        for (int i = 0; i < extractors.length; i++) {
            Extractor e = t.extract().get(i);
            extractors[i] = new ExtractorPlan(e, e instanceof Extractor.RegexMatch r ? Pattern.compile(r.regex()) : null,
                    "extract '" + e.var() + "' (" + describe(e) + ") found nothing");
        }
        this.judged = checks.length > 0 || extractors.length > 0;
        this.thinkTime = t.thinkTime() != null ? t.thinkTime() : runThink;
        this.fixedThinkNanos = thinkTime.nanos(0);
    }

    /** The pause after one run of it: fixed, or drawn uniformly from its range with the user's generator. */
    long thinkNanos(UserSession session) {
        return thinkTime.isFixed() ? fixedThinkNanos : thinkTime.nanos(session.nextUnit());
    }

    /** Whether a check or an extractor of it reads JSON. */
    boolean readsJson() {
        for (CheckPlan c : checks) {
            if (c.check() instanceof Check.Json) {
                return true;
            }
        }
        for (ExtractorPlan e : extractors) {
            if (e.extractor() instanceof Extractor.JsonValue) {
                return true;
            }
        }
        return false;
    }

    private static Pattern pattern(Check c) {
        return switch (c) {
            case Check.BodyMatches m -> Pattern.compile(m.regex());
            case Check.Json j when j.expect() instanceof Expectation.Matches m -> Pattern.compile(m.regex());
            case Check.Header h when h.expect() instanceof Expectation.Matches m -> Pattern.compile(m.regex());
            default -> null;
        };
    }

    private static String describe(Extractor e) {
        return switch (e) {
            case Extractor.JsonValue j -> "json " + j.pointer();
            case Extractor.RegexMatch r -> "regex /" + r.regex() + "/ group " + r.group();
            case Extractor.HeaderValue h -> "header " + h.header();
            case Extractor.CookieValue c -> "cookie " + c.cookie();
            case Extractor.Custom c -> c.name();
        };
    }
}
