package io.maid.goose.app.cli;

import io.maid.goose.domain.CheckStats;
import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.LatencyHistograms;
import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.SkipStats;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.domain.TlsHandshakeStats;
import io.maid.goose.testkit.StatsRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTableTest {
    private static final LatencyStats OK = new LatencyStats(5, 12, 40, 3, 11.5, 20, 25, 38, 40);
    private static final LatencyStats FAILED = new LatencyStats(0.3, 0.3, 0.4, 0, 0.31, 0.33, 0.35, 0.39, 0.4);

    private static RunSummary summary(long failures) {
        StatsRow row = StatsRows.builder(StatsKey.request(HttpMethod.GET, "shopper", "page")).count(100)
                .failures(failures).rps(10).latency(OK).failedLatency(failures == 0 ? LatencyStats.EMPTY : FAILED)
                .errors(failures == 0 ? Map.of() : Map.of(ErrorKind.CONNECT_REFUSED, failures)).build();
        StatsRow total = StatsRows.from(row).key(StatsKey.total()).build();
        RunConfig config = RunConfig.builder("http://127.0.0.1:9").get("page", "/").build();
        return new RunSummary("r", RunState.COMPLETED, Instant.EPOCH, Instant.EPOCH.plusSeconds(10), 10, 10, config,
                List.of(), List.of(row), List.of(), List.of(), total, List.of(), 0, new LatencyHistograms("", "", "", ""),
                null, null);
    }

    @Test
    void requestRowsAreKeyedByScenarioAndShowTheLatencyOfSuccessfulRequests() {
        String table = SummaryTable.render(summary(20));
        assertTrue(table.contains("GET shopper/page"), table);
        assertTrue(table.contains("11.50"), "the OK p50: " + table);
        assertTrue(table.contains("total, failed requests") && table.contains("0.31"), "the failed p50: " + table);
        assertTrue(table.contains("latency: successful requests"), table);
    }

    @Test
    void withoutFailuresThereIsNoFailedLatencyRow() {
        assertFalse(SummaryTable.render(summary(0)).contains("total, failed requests"));
    }

    /** Two scenarios: a page that fails with 500s and refused connects, and an API call that never fails. */
    private static RunSummary twoScenarios(String pageName) {
        List<String> samples = List.of("HTTP 500: <html><body>" + "x".repeat(300) + "</body></html>",
                "HTTP 500: \u001b[31mred\u001b[0m\nsecond line", "HTTP 500: three", "HTTP 500: four", "HTTP 500: five");
        StatsRow page = StatsRows.builder(StatsKey.request(HttpMethod.GET, "shopper", pageName)).count(100).failures(30)
                .rps(10).latency(OK).failedLatency(FAILED).statusCodes(Map.of(200, 80L, 500, 20L))
                .errors(Map.of(ErrorKind.UNEXPECTED_STATUS, 20L, ErrorKind.CONNECT_REFUSED, 10L))
                .errorSamples(Map.of(ErrorKind.UNEXPECTED_STATUS, samples,
                        ErrorKind.CONNECT_REFUSED, List.of("Connection refused: 127.0.0.1:9")))
                .build();
        StatsRow api = StatsRows.builder(StatsKey.request(HttpMethod.POST, "api", "order")).count(50).rps(5).latency(OK)
                .statusCodes(Map.of(201, 50L)).build();
        StatsRow total = StatsRows.builder(StatsKey.total()).count(150).failures(30).rps(15).latency(OK)
                .failedLatency(FAILED).corrected(OK).statusCodes(Map.of(200, 80L, 201, 50L, 500, 20L))
                .errors(Map.of(ErrorKind.UNEXPECTED_STATUS, 20L, ErrorKind.CONNECT_REFUSED, 10L)).build();
        List<StatsRow> scenarios = List.of(StatsRows.from(page).key(StatsKey.scenario("shopper")).build(),
                StatsRows.from(api).key(StatsKey.scenario("api")).build());
        RunConfig config = RunConfig.builder("http://127.0.0.1:9").get("page", "/").build();
        return new RunSummary("3b8e2a4c-7d1f-4e2a-9c3b-5a6d7e8f9a0b", RunState.COMPLETED, Instant.EPOCH,
                Instant.EPOCH.plusSeconds(10), 10, 10, config, List.of(), List.of(page, api), List.of(), scenarios, total,
                List.of(), 0, new LatencyHistograms("", "", "", ""), null, null);
    }

    private static int indexOf(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with " + start + ":\n" + String.join("\n", lines));
    }

    @Test
    void rowsGoFromRequestKeysToScenariosToTheTotalThenFailedThenCorrected() {
        List<String> lines = SummaryTable.render(twoScenarios("page"), 160).lines().toList();
        int[] order = {indexOf(lines, "request "), indexOf(lines, "GET shopper/page"), indexOf(lines, "POST api/order"),
                indexOf(lines, "scenario shopper"), indexOf(lines, "scenario api"), indexOf(lines, "---"),
                indexOf(lines, "Aggregated"), indexOf(lines, "total, failed requests"), indexOf(lines, "total, CO-corrected"),
                indexOf(lines, "latency: successful requests")};
        for (int i = 1; i < order.length; i++) {
            assertEquals(order[i - 1] + 1, order[i], String.join("\n", lines));
        }
    }

    @Test
    void aRunOverHttpsShowsItsHandshakesAfterTheCorrectedRowWithTheirCount() {
        RunSummary https = summary(0).withTlsHandshakes(new TlsHandshakeStats(42,
                new LatencyStats(1.1, 2.2, 30.5, 1.0, 1.93, 3.4, 4.1, 7.25, 30.5)));

        List<String> lines = SummaryTable.render(https, 160).lines().toList();

        int row = indexOf(lines, "TLS handshakes ");
        assertEquals(indexOf(lines, "total, CO-corrected") + 1, row, String.join("\n", lines));
        assertTrue(lines.get(row).matches("TLS handshakes\\s+42\\s.*1\\.93.*7\\.25.*30\\.50"), lines.get(row));
        assertTrue(String.join(" ", lines).contains("TLS handshakes: the handshake alone"), String.join("\n", lines));
    }

    @Test
    void aRunWithoutHandshakesHasNoHandshakeRow() {
        assertFalse(SummaryTable.render(summary(0), 160).contains("TLS handshakes"));
    }

    @Test
    void oneScenarioGetsNoScenarioRowsBecauseTheyWouldRepeatTheTotal() {
        assertFalse(SummaryTable.render(summary(20), 160).contains("scenario "));
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 100, 160})
    void noLineIsWiderThanTheConsoleAndTheKeyFiguresStay(int width) {
        String table = SummaryTable.render(twoScenarios("page"), width);
        for (String line : table.lines().toList()) {
            assertTrue(line.length() <= width, line.length() + " > " + width + ": " + line);
        }
        String row = table.lines().filter(l -> l.startsWith("GET shopper/page")).findFirst().orElseThrow();
        assertTrue(row.matches("GET shopper/page +100 +30 .* 11\\.50 .* 38\\.00 .*40\\.00"), "count, fails, p50, p99, max: " + row);
        assertTrue(table.contains("request") && table.contains("p50 ms") && table.contains("p99 ms") && table.contains("max ms"), table);
        assertEquals(width >= 100, table.contains("p99.9 ms"), "p99.9 goes first, below 100 columns:\n" + table);
    }

    @Test
    void statusCodesArePerRequestKeyUnderTheRunsTotal() {
        List<String> lines = SummaryTable.render(twoScenarios("page"), 120).lines().toList();
        int total = indexOf(lines, "status codes: 200: 80, 201: 50, 500: 20");
        assertEquals("  GET shopper/page  200: 80, 500: 20", lines.get(total + 1));
        assertEquals("  POST api/order    201: 50", lines.get(total + 2));
    }

    @Test
    void eachErrorKindOfAKeyShowsItsCountAndUpToFiveSampleMessagesOnOneLineEach() {
        List<String> lines = SummaryTable.render(twoScenarios("page"), 80).lines().toList();
        int errors = indexOf(lines, "errors: connect_refused: 10, unexpected_status: 20");
        assertEquals("  GET shopper/page: connect_refused, 10 of 100 requests (10.0%)", lines.get(errors + 1));
        assertEquals("    - Connection refused: 127.0.0.1:9", lines.get(errors + 2));
        assertEquals("  GET shopper/page: unexpected_status, 20 of 100 requests (20.0%)", lines.get(errors + 3));
        List<String> samples = lines.subList(errors + 4, errors + 9);
        assertTrue(samples.stream().allMatch(l -> l.startsWith("    - HTTP 500: ")), String.join("\n", samples));
        assertTrue(samples.get(0).endsWith("xxx...") && samples.get(0).length() == 80, "cut at the width: " + samples.get(0));
        assertEquals("    - HTTP 500: [31mred [0m second line", samples.get(1), "no escape code reaches the terminal");
        assertEquals("    - HTTP 500: five", samples.get(4));
    }

    @Test
    void aNameTooLongForANarrowConsoleIsShortenedWithAnEllipsis() {
        String longName = "add-the-selected-items-to-the-basket-and-check-out";
        String table = SummaryTable.render(twoScenarios(longName), 80);
        for (String line : table.lines().toList()) {
            assertTrue(line.length() <= 80, line);
        }
        assertTrue(table.lines().anyMatch(l -> l.startsWith("GET shopper/add-the-selected-items") && l.contains("...")), table);
        assertTrue(SummaryTable.render(twoScenarios(longName), 160).contains("GET shopper/" + longName + "  "));
    }

    /** A login flow's summary: two checks, one failing now and then, and requests skipped for want of a token. */
    private static RunSummary flow() {
        RunSummary base = summary(0);
        List<CheckStats> checks = List.of(new CheckStats("member", "login", "logged in", 5, 0),
                new CheckStats("member", "profile", "json /user equals '{{accounts.username}}'", 392, 13));
        List<SkipStats> skipped = List.of(new SkipStats("member", "profile", "unset_variable:token", 3),
                new SkipStats("member", "logout", "unset_variable:token", 1));
        return new RunSummary(base.runId(), base.state(), base.startedAt(), base.endedAt(), base.durationSeconds(),
                base.plannedSeconds(), base.config(), base.phases(), base.requests(), base.transactions(),
                base.scenarios(), base.total(), base.timeline(), 0, base.histograms(), null, null, List.of(), checks,
                skipped);
    }

    @Test
    void eachCheckOfEachTransactionShowsItsPassesFailuresAndFailShare() {
        List<String> lines = SummaryTable.render(flow()).lines().toList();
        assertTrue(lines.contains("checks: 13 of 410 failed (3.2%)"), String.join("\n", lines));
        int header = indexOf(lines, "check ");
        assertTrue(lines.get(header).matches("check +passes +fails +fail %"), lines.get(header));
        assertTrue(lines.get(header + 1).matches("member/login: logged in +5 +0 +0\\.0%"), lines.get(header + 1));
        assertTrue(lines.get(header + 2).matches("member/profile: json /user equals '\\{\\{accounts.username}}' +392 +13 +3\\.2%"),
                lines.get(header + 2));
    }

    @Test
    void skippedRequestsAreCountedByReasonThenPerTransaction() {
        List<String> lines = SummaryTable.render(flow()).lines().toList();
        int at = indexOf(lines, "skipped (not sent): ");
        assertEquals("skipped (not sent): unset_variable:token: 4", lines.get(at));
        assertEquals("  member/profile  unset_variable:token: 3", lines.get(at + 1));
        assertEquals("  member/logout  unset_variable:token: 1", lines.get(at + 2));
    }

    @Test
    void aRunWithoutChecksOrSkipsHasNeitherSection() {
        String table = SummaryTable.render(summary(0));
        assertFalse(table.contains("checks:"), table);
        assertFalse(table.contains("skipped"), table);
    }

    @Test
    void theChecksTableFitsANarrowConsoleAndKeepsItsCounts() {
        String table = SummaryTable.render(flow(), 50);
        for (String line : table.lines().toList()) {
            assertTrue(line.length() <= 50, line.length() + ": " + line);
        }
        assertTrue(table.lines().anyMatch(l -> l.startsWith("member/profile: json") && l.contains("...")
                && l.matches(".* 392 +13( .*)?")), table);
    }
}
