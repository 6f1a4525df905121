package io.maid.goose.engine;

import io.maid.goose.domain.CheckStats;
import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.flow.DataFeeder;
import io.maid.goose.domain.flow.FeedStrategy;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.out.SendOptions;
import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.FakeJsonBodyReader;
import io.maid.goose.testkit.ScriptedTransport;
import io.maid.goose.testkit.ScriptedTransport.Sent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.maid.goose.engine.EngineHarness.ENGINE_SLEEPERS;
import static io.maid.goose.engine.EngineHarness.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A login flow: on_start logs in and extracts a token, the iteration uses it, on_stop logs out. */
class LoginFlowTest extends FlowTestBase {
    private final LoginTarget target = new LoginTarget();

    static final DataFeeder ACCOUNTS = DataFeeder.builder("accounts").columns("username", "password")
            .row("alice", "a-secret").row("bob", "b-secret").row("carol", "c-secret").build();
    static final Transaction LOGIN = Transaction.builder("login").post("/login")
            .header("Content-Type", "application/json")
            .body("{\"user\":\"{{accounts.username}}\",\"password\":\"{{accounts.password}}\"}")
            .feed("accounts").extractJson("token", "/token").checkStatus(200).build();
    static final Transaction PROFILE = Transaction.builder("profile").get("/profile")
            .header("Authorization", "Bearer {{token}}").checkJsonEquals("/user", "{{accounts.username}}").build();
    static final Transaction LOGOUT = Transaction.builder("logout").post("/logout")
            .header("Authorization", "Bearer {{token}}").build();
    static final Scenario SHOPPER = Scenario.builder("shopper").onStart(LOGIN).transaction(PROFILE).onStop(LOGOUT).build();

    private RunSummary run(RunConfig config) {
        h = new EngineHarness(users(), target, null, new FakeJsonBodyReader());
        return h.stepToEnd(h.start(config), Duration.ofMillis(100));
    }

    private static StatsRow row(RunSummary s, String name) {
        return s.requests().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void eachUserLogsInOnceUsesItsOwnTokenAndLogsOutOnceWhenTheRunEnds() {
        RunSummary s = run(config().users(3).hatchRate(3).durationSeconds(3).thinkTimeSeconds(1).data(ACCOUNTS)
                .scenario(SHOPPER).build());

        assertEquals(3, target.logins.get(), () -> "one login per user: " + s.state() + " " + s.failureReason() + " "
                + h.events.logs().stream().map(l -> l.message()).toList() + " sent " + h.transport.sent());
        assertEquals(3, target.logouts.get(), "one logout per user");
        assertEquals(0, target.refused.get(), "no request with a wrong or missing token");
        assertTrue(target.profiles.get() >= 6, "each user's iterations in 3 s: " + target.profiles.get());
        assertEquals(h.transport.sentCount(), s.total().count(), "the engine counted what the target received");
        assertEquals(0, s.total().failures());

        Map<Integer, List<Sent>> byUser = h.transport.sent().stream()
                .collect(Collectors.groupingBy(Sent::userIndex, TreeMap::new, Collectors.toList()));
        assertEquals(List.of(0, 1, 2), List.copyOf(byUser.keySet()));
        for (List<Sent> mine : byUser.values()) {
            assertEquals("/login", mine.get(0).request().path(), "on_start first");
            assertEquals("/logout", mine.get(mine.size() - 1).request().path(), "on_stop last");
            String token = LoginTarget.token(mine.get(1).request());
            assertNotNull(token);
            for (Sent later : mine.subList(1, mine.size())) {
                assertEquals(token, LoginTarget.token(later.request()), "the user's own token, every time");
            }
            assertTrue(mine.subList(1, mine.size() - 1).stream().allMatch(x -> x.request().path().equals("/profile")));
        }

        assertEquals(3, row(s, "POST shopper/login").count(), "on_start is measured under its own name");
        assertEquals(3, row(s, "POST shopper/logout").count(), "so is on_stop");
        assertEquals(target.profiles.get(), row(s, "GET shopper/profile").count());
        assertEquals(List.of(new CheckStats("shopper", "login", "status in [200]", 3, 0),
                new CheckStats("shopper", "profile", "json /user equals '{{accounts.username}}'", target.profiles.get(), 0)),
                s.checks());
        assertEquals(List.of(), s.skipped());
    }

    @Test
    void theReadmesFlowSnippetRunsAsWritten() {
        // --- README snippet starts (Embedding the engine: flows)
        DataFeeder accounts = DataFeeder.builder("accounts").columns("username", "password")
                .row("alice", "a-secret").row("bob", "b-secret").strategy(FeedStrategy.UNIQUE).build();
        Transaction login = Transaction.builder("login").post("/login").header("Content-Type", "application/json")
                .body("{\"user\":\"{{accounts.username}}\",\"password\":\"{{accounts.password}}\"}")
                .feed("accounts").extractJson("token", "/token").checkStatus(200).build();
        Transaction profile = Transaction.builder("profile").get("/profile").header("Authorization", "Bearer {{token}}")
                .checkJsonEquals("/user", "{{accounts.username}}").thinkTime(1, 3).build();
        Transaction logout = Transaction.builder("logout").post("/logout").header("Authorization", "Bearer {{token}}").build();
        RunConfig config = RunConfig.builder("http://127.0.0.1:8080").users(2).data(accounts)
                .scenario(Scenario.builder("shopper").onStart(login).transaction(profile).onStop(logout).build()).build();
        // --- README snippet ends
        RunSummary s = run(config);
        assertEquals(List.of(2, 2, 0), List.of(target.logins.get(), target.logouts.get(), target.refused.get()));
        assertEquals(h.transport.sentCount(), s.total().count());
        assertEquals(0, s.total().failures());
    }

    @Test
    void eachRequestAsksForWhatItsChecksAndExtractorsRead() {
        run(config().users(1).hatchRate(1).durationSeconds(2).thinkTimeSeconds(1).maxCaptureBytes(4096).data(ACCOUNTS)
                .scenario(SHOPPER).build());
        Map<String, SendOptions> byPath = h.transport.sent().stream()
                .collect(Collectors.toMap(x -> x.request().path(), Sent::options, (a, b) -> a));
        assertEquals(new SendOptions(false, false, 4096), byPath.get("/login"), "templated; the json extractor reads the body");
        assertEquals(new SendOptions(false, false, 4096), byPath.get("/profile"), "templated; the json check reads the body");
        assertEquals(new SendOptions(false, false, 0), byPath.get("/logout"), "templated; nothing read");
    }

    @Test
    void onStopIsNotRunForAUserAbandonedAtTheEndOfTheGrace() {
        h = new EngineHarness(users(), call -> call.request().path().equals("/slow") ? ScriptedTransport.hang()
                : ScriptedTransport.respond(200));
        RunHandle run = h.start(config().users(1).hatchRate(1).durationSeconds(10).requestTimeoutSeconds(5)
                .scenario(Scenario.builder("s").transaction(Transaction.builder("slow").get("/slow").build())
                        .onStop(Transaction.builder("bye").post("/bye").build()).build()).build());
        h.advanceSeconds(1);
        Await.until(() -> h.transport.hanging() == 1, "the user to hang");
        h.engine.stop();
        Await.until(() -> h.engine.status().phase() == RunPhase.SHUTDOWN, "shutdown");
        h.awaitSleepers(ENGINE_SLEEPERS);
        h.advanceSeconds(5);
        RunSummary s = h.awaitEnd(run);

        assertEquals(List.of("/slow"), h.transport.sent().stream().map(x -> x.request().path()).toList(),
                "no on_stop after an abandon");
        assertEquals(1, s.abandonedRequests());
    }

    @Test
    void anOnStopRequestStillInFlightAtTheEndOfTheGraceIsAbandonedUnderItsOwnName() {
        h = new EngineHarness(users(), call -> call.request().path().equals("/bye") ? ScriptedTransport.hang()
                : ScriptedTransport.respond(200));
        RunHandle run = h.start(config().users(1).hatchRate(1).durationSeconds(10).thinkTimeSeconds(1)
                .requestTimeoutSeconds(5).scenario(Scenario.builder("s").transaction(Transaction.builder("page").get("/").build())
                        .onStop(Transaction.builder("bye").post("/bye").build()).build()).build());
        h.advanceSeconds(1);
        h.awaitSleepers(ENGINE_SLEEPERS + 1);
        h.engine.stop();
        Await.until(() -> h.transport.hanging() == 1, "the stopped user's on_stop request to hang");
        Await.until(() -> h.engine.status().phase() == RunPhase.SHUTDOWN, "shutdown");
        h.awaitSleepers(ENGINE_SLEEPERS);
        h.advanceSeconds(5);
        RunSummary s = h.awaitEnd(run);

        assertEquals(List.of("/", "/bye"), h.transport.sent().stream().map(x -> x.request().path()).toList());
        assertEquals(Map.of(ErrorKind.ABANDONED, 1L), row(s, "POST s/bye").errors());
        assertEquals(1, row(s, "GET s/page").count());
    }
}
