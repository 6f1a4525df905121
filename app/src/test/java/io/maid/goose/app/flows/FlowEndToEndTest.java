package io.maid.goose.app.flows;

import io.maid.goose.app.Composition;
import io.maid.goose.app.demo.DemoTarget;
import io.maid.goose.app.settings.Settings;
import io.maid.goose.domain.CheckStats;
import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.SkipStats;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.engine.GooseEngine;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.ports.out.DecodeResult;
import io.maid.goose.ports.out.LoadTransport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The flow acceptance, end to end: a config in the wire format, decoded by the product's codec, run by
 * the engine as the product composes it (its JSON body reader included) on a real transport, against the demo
 * target on 127.0.0.1 and a free port, whose own counters are the truth. Each runs on both user kinds: users on
 * event loops ({@code lean}) and users on threads ({@code lean-threads}).
 */
class FlowEndToEndTest {
    private static final Duration BOUND = Duration.ofSeconds(60);

    /** A login flow for {@code users} users: log in once, read the own profile, log out once. */
    private static String loginFlow(String target, int users, int seconds, String password) {
        return """
                {"config": {"target_base_url": "%s", "users": %d, "hatch_rate": %d, "duration": {"seconds": %d},
                 "think_time_seconds": 0.1,
                 "data": [{"name": "accounts", "strategy": "circular", "rows": [
                   {"username": "alice", "password": "alice%s"}, {"username": "bob", "password": "bob%s"},
                   {"username": "carol", "password": "carol%s"}]}],
                 "scenarios": [{"name": "member",
                   "on_start": [{"name": "login", "feed": "accounts",
                     "request": {"method": "POST", "path": "/login",
                       "headers": [{"name": "Content-Type", "value": "application/json"}],
                       "body": "{\\"user\\":\\"{{accounts.username}}\\",\\"password\\":\\"{{accounts.password}}\\"}"},
                     "extract": [{"var": "token", "json": "/token"}], "checks": [{"status": [200]}]}],
                   "transactions": [{"name": "profile",
                     "request": {"method": "GET", "path": "/profile",
                       "headers": [{"name": "Authorization", "value": "Bearer {{token}}"}]},
                     "checks": [{"json": "/user", "equals": "{{accounts.username}}", "name": "own profile"}]}],
                   "on_stop": [{"name": "logout", "request": {"method": "POST", "path": "/logout",
                     "headers": [{"name": "Authorization", "value": "Bearer {{token}}"}]}}]}]}}
                """.formatted(target, users, users, seconds, password, password, password);
    }

    private static RunSummary run(String transport, String configJson) throws InterruptedException {
        DecodeResult decoded = Composition.codec().decodeRequest(configJson);
        RunConfig config = assertInstanceOf(DecodeResult.Valid.class, decoded, decoded::toString).config();
        try (LoadTransport t = Composition.transport(new Settings.Engine(transport, 2))) {
            GooseEngine engine = Composition.engine(t);
            RunSummary s = engine.start(StartRunCommand.of(config)).await(BOUND).orElseThrow();
            assertEquals(RunState.COMPLETED, s.state(), s::failureReason);
            assertEquals(0, s.abandonedRequests());
            return s;
        }
    }

    private static StatsRow row(RunSummary s, String name) {
        return s.requests().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no row " + name + " in " + s.requests().stream().map(StatsRow::name).toList()));
    }

    private static SkipStats skip(RunSummary s, String transaction) {
        return s.skipped().stream().filter(k -> k.transaction().equals(transaction)).findFirst().orElseThrow(
                () -> new AssertionError("nothing of " + transaction + " skipped: " + s.skipped()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lean", "lean-threads"})
    void twentyUsersLogInOnceUseTheirOwnTokensAndLogOutOnce(String transport) throws Exception {
        try (DemoTarget target = new DemoTarget()) {
            RunSummary s = run(transport, loginFlow(target.baseUrl(), 20, 5, "-secret"));

            assertEquals(20, target.logins(), "one login per user");
            assertEquals(20, target.logouts(), "one logout per user, when the run ends");
            assertEquals(0, target.refusedTokens(), "no request with a missing, wrong or ended token");
            assertEquals(target.requestsReceived(), s.total().count(), "the engine's count is the target's own");
            assertEquals(0, s.total().failures(), () -> s.total().errors().toString());
            assertEquals(20, row(s, "POST member/login").count());
            assertEquals(20, row(s, "POST member/logout").count());
            assertEquals(target.profiles(), row(s, "GET member/profile").count());
            assertTrue(target.profiles() >= 20 * 5, "20 users thinking 0.1 s for 5 s: " + target.profiles());
            assertEquals(List.of(new CheckStats("member", "login", "status in [200]", 20, 0),
                    new CheckStats("member", "profile", "own profile", target.profiles(), 0)), s.checks());
            assertEquals(List.of(), s.skipped());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lean", "lean-threads"})
    void theFailedChecksAreExactlyTheTargetsWrongAnswers(String transport) throws Exception {
        try (DemoTarget target = new DemoTarget(10)) {
            RunSummary s = run(transport, loginFlow(target.baseUrl(), 5, 2, "-secret"));

            assertTrue(target.wrongProfiles() >= 1, "every 10th of 5 users' profiles for 2 s: " + target.wrongProfiles());
            assertEquals(target.wrongProfiles(), s.checksFailed(), "checks_failed is the target's own count");
            assertEquals(new CheckStats("member", "profile", "own profile", target.profiles() - target.wrongProfiles(),
                    target.wrongProfiles()), s.checks().get(1));
            assertEquals(Map.of(ErrorKind.CHECK_FAILED, target.wrongProfiles()), s.total().errors(),
                    "each wrong answer fails its request as check_failed, and nothing else failed");
            assertEquals(target.wrongProfiles(), s.timeline().stream().mapToLong(m -> m.checksFailed()).sum(),
                    "the per-second checks_failed add up to the target's count");
            assertEquals(target.requestsReceived(), s.total().count());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lean", "lean-threads"})
    void aRequestWithAnUnsetVariableIsSkippedAndNeverSent(String transport) throws Exception {
        try (DemoTarget target = new DemoTarget()) {
            RunSummary s = run(transport, loginFlow(target.baseUrl(), 3, 1, "-wrong"));

            assertEquals(0, target.logins(), "every login was refused");
            assertEquals(3, target.requestsReceived(), "only the 3 logins reached the target");
            assertEquals(0, target.profiles() + target.refusedTokens(), "no /profile or /logout was sent without a token");
            assertEquals(target.requestsReceived(), s.total().count(), "a skipped request is never counted as a request");
            assertEquals(3, row(s, "POST member/login").count());
            assertEquals(new SkipStats("member", "logout", "unset_variable:token", 3), skip(s, "logout"),
                    "each user's logout, once, when the run ended");
            assertTrue(skip(s, "profile").count() >= 1, s.skipped()::toString);
            long skipped = s.skippedByReason().getOrDefault("unset_variable:token", 0L);
            assertEquals(Map.of("unset_variable:token", skipped), s.skippedByReason(), "no other reason");
            assertEquals(skipped, s.timeline().stream().mapToLong(m -> m.skipped()).sum(),
                    "the per-second skipped add up to the total");
        }
    }
}
