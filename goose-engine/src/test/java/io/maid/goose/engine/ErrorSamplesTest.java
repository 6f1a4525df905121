package io.maid.goose.engine;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.domain.Transaction;
import io.maid.goose.testkit.ScriptedTransport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.maid.goose.engine.MeasuredRun.backToBack;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Per request key and error kind, a few distinct messages say what actually went wrong. */
class ErrorSamplesTest {
    /** How the engine runs users in these tests; {@code ErrorSamplesOnLoopsTest} runs them on an event loop. */
    EngineHarness.Users users() {
        return EngineHarness.Users.THREADS;
    }

    @Test
    void eachErrorKindKeepsTheFirstFiveDistinctMessagesInTheOrderSeen() {
        // One user; every odd call is refused with one of nine messages, so far more than five are distinct.
        RunSummary s = MeasuredRun.of(users(), backToBack(1).get("root", "/").build(), 400, call -> call.callNumber() % 2 == 1
                ? new ScriptedTransport.Fail(ErrorKind.CONNECT_REFUSED, Duration.ofMillis(1),
                        "connect refused #" + call.callNumber() % 9)
                : ScriptedTransport.respond(200, Duration.ofMillis(1))).summary();

        List<String> expected = List.of("connect refused #1", "connect refused #3", "connect refused #5",
                "connect refused #7", "connect refused #0");
        assertEquals(Map.of(ErrorKind.CONNECT_REFUSED, expected), s.requests().get(0).errorSamples());
        assertEquals(Map.of(ErrorKind.CONNECT_REFUSED, expected), s.total().errorSamples());
        assertEquals(200, s.total().errors().get(ErrorKind.CONNECT_REFUSED), "samples leave the counts alone");
    }

    @Test
    void anUnexpectedStatusWithoutADetailIsSampledAsHttpAndItsCode() {
        RunSummary s = MeasuredRun.of(users(), backToBack(1).get("root", "/").build(), 300,
                call -> ScriptedTransport.respond(call.callNumber() % 3 == 0 ? 500 : call.callNumber() % 3 == 1 ? 503 : 200,
                        Duration.ofMillis(1))).summary();

        Map<ErrorKind, List<String>> expected = Map.of(ErrorKind.UNEXPECTED_STATUS, List.of("HTTP 500", "HTTP 503"));
        for (StatsRow row : List.of(s.requests().get(0), s.transactions().get(0), s.scenarios().get(0), s.total())) {
            assertEquals(expected, row.errorSamples(), row.name());
        }
        // 100 of each, and the released last call answers 200 too.
        assertEquals(Map.of(200, 101L, 500, 100L, 503, 100L), s.requests().get(0).statusCodes(),
                "the status codes surface on the request key's row");
    }

    @Test
    void samplesBelongToTheirRequestKeyAndTheTotalHoldsThemAll() {
        Scenario shop = new Scenario("shop", 1, List.of(
                Transaction.of("cart", RequestSpec.of(HttpMethod.POST, "/cart")),
                Transaction.of("home", RequestSpec.of(HttpMethod.GET, "/"))));
        RunSummary s = MeasuredRun.of(users(), backToBack(1).scenario(shop).build(), 200,
                call -> call.request().path().equals("/cart")
                        ? new ScriptedTransport.Fail(ErrorKind.RESPONSE_TIMEOUT, Duration.ofMillis(2), "no response in 2 s")
                        : new ScriptedTransport.Fail(ErrorKind.CONNECTION_RESET, Duration.ofMillis(1), "reset by peer")).summary();

        assertEquals(Map.of(ErrorKind.RESPONSE_TIMEOUT, List.of("no response in 2 s")), s.requests().get(0).errorSamples());
        assertEquals(Map.of(ErrorKind.CONNECTION_RESET, List.of("reset by peer")), s.requests().get(1).errorSamples());
        assertEquals(Map.of(ErrorKind.RESPONSE_TIMEOUT, List.of("no response in 2 s"),
                ErrorKind.CONNECTION_RESET, List.of("reset by peer")), s.total().errorSamples());
    }
}
