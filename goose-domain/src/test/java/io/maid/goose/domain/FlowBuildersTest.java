package io.maid.goose.domain;

import io.maid.goose.domain.flow.Check;
import io.maid.goose.domain.flow.DataFeeder;
import io.maid.goose.domain.flow.Expectation;
import io.maid.goose.domain.flow.Extractor;
import io.maid.goose.domain.flow.FeedSource;
import io.maid.goose.domain.flow.FeedStrategy;
import io.maid.goose.domain.flow.HttpStep;
import io.maid.goose.domain.flow.NamedTemplate;
import io.maid.goose.domain.flow.OnExhausted;
import io.maid.goose.domain.flow.OnFailure;
import io.maid.goose.domain.flow.Template;
import io.maid.goose.domain.flow.ThinkTime;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The Java API's builders make exactly what the records say, and report a bad value at its field. */
class FlowBuildersTest {
    @Test
    void aTransactionBuilderMakesTheTransactionItDescribes() {
        Transaction built = Transaction.builder("login").post("/login/{{$user}}").header("Content-Type", "application/json")
                .query("v", "{{accounts.username}}").body("{\"u\":\"{{accounts.username}}\"}").expectStatus(200, 401)
                .allowRedirects(true).weight(2).feed("accounts").extractJson("token", "/token")
                .extractRegex("id", "id=(\\d+)", 1).extractHeader("where", "Location").extractCookie("sid", "SID")
                .checkStatus(200).checkBodyContains("{{accounts.username}}").checkBodyMatches("ok")
                .checkJsonExists("/token").checkJsonEquals("/user", "{{accounts.username}}").checkJsonMatches("/n", "\\d")
                .checkHeaderExists("ETag").checkHeaderEquals("Server", "x").checkHeaderMatches("Server", "^x")
                .checkMaxLatencyMs(250).thinkTime(1, 3).build();

        Transaction expected = new Transaction("login", 2, new HttpStep(HttpMethod.POST, Template.parse("/login/{{$user}}"),
                List.of(NamedTemplate.of("Content-Type", "application/json")), List.of(NamedTemplate.of("v", "{{accounts.username}}")),
                Template.parse("{\"u\":\"{{accounts.username}}\"}"), true, List.of(200, 401)), "accounts",
                List.of(new Extractor.JsonValue("token", "/token", null), new Extractor.RegexMatch("id", "id=(\\d+)", 1, null),
                        new Extractor.HeaderValue("where", "Location", null), new Extractor.CookieValue("sid", "SID", null)),
                List.of(new Check.Status(null, List.of(200)), new Check.BodyContains(null, Template.parse("{{accounts.username}}")),
                        new Check.BodyMatches(null, "ok"), new Check.Json(null, "/token", Expectation.EXISTS),
                        new Check.Json(null, "/user", new Expectation.Equals(Template.parse("{{accounts.username}}"))),
                        new Check.Json(null, "/n", new Expectation.Matches("\\d")),
                        new Check.Header(null, "ETag", Expectation.EXISTS),
                        new Check.Header(null, "Server", new Expectation.Equals(Template.parse("x"))),
                        new Check.Header(null, "Server", new Expectation.Matches("^x")), new Check.MaxLatency(null, 250)),
                ThinkTime.between(1, 3));
        assertEquals(expected, built);
    }

    @Test
    void aPlainBuilderIsAGetOfTheRootWithTheRunsThinkTime() {
        Transaction t = Transaction.builder("home").build();
        assertEquals(Transaction.of("home", RequestSpec.of(HttpMethod.GET, "/")), t);
        assertEquals(null, t.thinkTime());
        assertEquals(true, t.step().isConstant());
    }

    @Test
    void aBadTemplateIsReportedAtItsField() {
        ConfigException header = assertThrows(ConfigException.class,
                () -> Transaction.builder("t").get("/").header("X", "ok").header("Y", "{{unclosed").build());
        assertEquals("request/headers/1/value", header.field());
        ConfigException path = assertThrows(ConfigException.class, () -> Transaction.builder("t").get("/{{$nope}}").build());
        assertEquals("request/path", path.field());
        ConfigException weight = assertThrows(ConfigException.class, () -> Transaction.builder("t").weight(0).build());
        assertEquals("weight", weight.field());
    }

    @Test
    void aScenarioBuilderKeepsOnStartTheIterationAndOnStopApart() {
        Transaction a = Transaction.builder("a").build();
        Transaction b = Transaction.builder("b").build();
        Transaction c = Transaction.builder("c").build();
        Scenario s = Scenario.builder("s").weight(3).onStart(a).transaction(b).onStop(c)
                .onFailure(OnFailure.RESTART_ITERATION).build();
        assertEquals(new Scenario("s", 3, List.of(a), List.of(b), List.of(c), OnFailure.RESTART_ITERATION), s);
        assertEquals("transactions", assertThrows(ConfigException.class, () -> Scenario.builder("s").onStart(a).build())
                .field(), "an iteration is required");
    }

    @Test
    void aDataFeederBuilderHoldsItsRowsInCode() {
        DataFeeder f = DataFeeder.builder("accounts").columns("username", "password").row("alice", "a").row("bob", "b")
                .strategy(FeedStrategy.UNIQUE).onExhausted(OnExhausted.STOP_RUN).build();
        assertEquals(new DataFeeder("accounts", new FeedSource.Rows(List.of("username", "password"),
                List.of(List.of("alice", "a"), List.of("bob", "b"))), FeedStrategy.UNIQUE, OnExhausted.STOP_RUN), f);
        assertEquals(FeedStrategy.CIRCULAR, DataFeeder.builder("x").columns("c").row("1").build().strategy());
        assertEquals("rows/1", assertThrows(ConfigException.class,
                () -> DataFeeder.builder("x").columns("a", "b").row("1", "2").row("3").build()).field());
    }
}
