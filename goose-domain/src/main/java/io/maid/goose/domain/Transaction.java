package io.maid.goose.domain;

import io.maid.goose.domain.flow.Check;
import io.maid.goose.domain.flow.Extractor;
import io.maid.goose.domain.flow.HttpStep;
import io.maid.goose.domain.flow.Step;
import io.maid.goose.domain.flow.ThinkTime;

import java.util.List;

/**
 * A named step of a scenario. A weight of {@code n} runs the transaction {@code n} times in a row, as in
 * Goose.
 *
 * @param name       unique within its scenario (on_start, transactions and on_stop together); keys its statistics
 * @param weight     consecutive repetitions, 1..1000000
 * @param step       what it sends ({@link HttpStep} for HTTP)
 * @param feed       the feeder it takes one row from just before it renders, or {@code null}
 * @param extract    what it takes out of the response into session variables, in order
 * @param checks     how its response is judged, in order (besides {@code expect_status})
 * @param thinkTime  the pause after it, replacing the run's {@code think_time_seconds}; {@code null}: the run's
 */
public record Transaction(String name, int weight, Step step, String feed, List<Extractor> extract,
                          List<Check> checks, ThinkTime thinkTime) {
    public Transaction {
        Checks.nonBlank("name", name);
        Checks.range("weight", weight, 1, 1_000_000);
        Checks.required("request", step);
        if (feed != null) {
            Checks.nonBlank("feed", feed);
        }
        extract = Checks.copy("extract", extract);
        checks = Checks.copy("checks", checks);
    }

    /** A plain request: no feeder, extractor or check, the run's think time. */
    public Transaction(String name, int weight, RequestSpec request) {
        this(name, weight, HttpStep.of(request), null, List.of(), List.of(), null);
    }

    public static Transaction of(String name, RequestSpec request) {
        return new Transaction(name, 1, request);
    }

    /** Builds a transaction in code: request, feeder, extractors, checks, think time; see {@link TransactionBuilder}. */
    public static TransactionBuilder builder(String name) {
        return new TransactionBuilder(name);
    }

    /** The HTTP step (the only kind so far). */
    public HttpStep http() {
        return (HttpStep) step;
    }

    /** Whether a check or an extractor reads the response body. */
    public boolean readsBody() {
        return extract.stream().anyMatch(Extractor::readsBody) || checks.stream().anyMatch(Check::readsBody);
    }

    /** Whether a check or an extractor reads the response headers. */
    public boolean readsHeaders() {
        return extract.stream().anyMatch(Extractor::readsHeaders) || checks.stream().anyMatch(Check::readsHeaders);
    }
}
