package io.maid.goose.adapter.http.helidon;

import io.maid.goose.adapter.http.helidon.routes.ReportRoutes;

import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunTotals;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.maid.goose.adapter.http.helidon.ApiAssertions.assertError;
import static io.maid.goose.adapter.http.helidon.ApiAssertions.assertNoStackTrace;
import static io.maid.goose.adapter.http.helidon.ApiAssertions.json;
import static io.maid.goose.adapter.http.helidon.ApiHarness.RO_KEY;
import static io.maid.goose.adapter.http.helidon.ApiHarness.RW_KEY;
import static io.maid.goose.adapter.http.helidon.ApiHarness.apiKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /reports/{run_id}/{file}}: the listed files of a run are served with safe headers, and no
 * request, however encoded, ever reads anything else. The artifacts behind it are held in memory; what the
 * file adapter does with links and folders on disk is tested with it ({@code FileRunArtifactsTest}), and
 * the two together end to end in the app's {@code ReportServingEndToEndTest}.
 */
class ReportServingTest {
    /** In another run's files, and in an unlisted file of this run: must never be served. */
    static final String SECRET = "TOP-SECRET-7f3a-never-to-be-served";
    /** A run whose folder holds the five report files; its record also lists hostile names. */
    static final String RUN = "0b5c6a1e-7d2f-4e3a-9c8b-1a2b3c4d5e6f";
    /** Artifacts that belong to no run in history. */
    static final String ORPHAN = "9e8d7c6b-5a49-4838-a726-15f4e3d2c1b0";
    static final List<String> REPORTS = List.of("report.json", "report.csv", "timeline.csv", "report.html",
            "analysis.json");
    /** Names a corrupted or forged history record might list; each must still be refused. */
    static final List<String> HOSTILE_LISTED = List.of("../../secret.txt", "../secret.txt", "/etc/passwd",
            "..\\..\\secret.txt", "secret.txt/../../../secret.txt", "report.json\u0000", ".", "..", "",
            "%2e%2e/secret.txt", "..%2F..%2Fsecret.txt", "../" + ORPHAN + "/report.json");

    static ApiHarness api;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        api.artifacts.put(ORPHAN, "report.json", ("{\"secret\":\"" + SECRET + "\"}").getBytes(StandardCharsets.UTF_8));
        for (String f : REPORTS) {
            api.artifacts.put(RUN, f, content(f).getBytes(StandardCharsets.UTF_8));
        }
        List<String> listed = new ArrayList<>(REPORTS);
        listed.addAll(HOSTILE_LISTED);
        api.history.insert(record(RUN, listed));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static String content(String file) {
        return switch (file) {
            case "report.json" -> "{\"run_id\":\"" + RUN + "\",\"totals\":{\"requests\":12}}";
            case "analysis.json" -> "{\"summary\":\"db pool saturated\"}";
            case "report.csv" -> "Type,Name,Requests\nGET,/,12\n";
            case "timeline.csv" -> "timestamp,throughput_rps\n2024-06-15T12:00:01Z,12.0\n";
            case "report.html" -> "<!doctype html><html><body><h1>Run " + RUN + "</h1></body></html>";
            default -> throw new IllegalArgumentException(file);
        };
    }

    static RunRecord record(String runId, List<String> files) {
        Instant start = Instant.parse("2024-06-15T12:00:00Z");
        return new RunRecord(runId, RunState.COMPLETED, RunPhase.COMPLETED, start, start.plusSeconds(60),
                RunConfig.builder("https://target.example").users(1).get("root", "/").build(),
                new RunTotals(12, 0, 0.2, 10.0), files, null, null, null, null);
    }

    static String newRun() {
        return UUID.randomUUID().toString();
    }

    @ParameterizedTest
    @CsvSource({"report.json,application/json,inline", "analysis.json,application/json,inline",
            "report.csv,text/csv,attachment", "timeline.csv,text/csv,attachment", "report.html,text/html,inline"})
    void aListedFileIsServedWithItsContentTypeAndDisposition(String file, String type, String disposition) {
        HttpResponse<String> res = api.get("/reports/" + RUN + "/" + file, apiKey(RW_KEY));
        assertEquals(200, res.statusCode(), res.body());
        assertEquals(content(file), res.body());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith(type),
                () -> res.headers().firstValue("Content-Type").toString());
        assertEquals("nosniff", res.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals(disposition + "; filename=\"" + file + "\"",
                res.headers().firstValue("Content-Disposition").orElse(""));
    }

    @Test
    void htmlCarriesARestrictiveContentSecurityPolicy() {
        HttpResponse<String> res = api.get("/reports/" + RUN + "/report.html", apiKey(RW_KEY));
        assertEquals("default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'unsafe-inline'; "
                        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
                res.headers().firstValue("Content-Security-Policy").orElse(""));
    }

    @Test
    void nonHtmlFilesCarryNoScriptPolicyButStayUnsniffable() {
        HttpResponse<String> res = api.get("/reports/" + RUN + "/report.csv", apiKey(RW_KEY));
        assertFalse(res.headers().firstValue("Content-Security-Policy").isPresent());
        assertEquals("nosniff", res.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void aReadOnlyCredentialMayReadReports() {
        assertEquals(200, api.get("/reports/" + RUN + "/report.json", apiKey(RO_KEY)).statusCode());
    }

    @Test
    void aLargeReportArrivesWholeWithItsLength() throws IOException {
        String id = newRun();
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        api.artifacts.put(id, "report.json", big);
        api.history.insert(record(id, List.of("report.json")));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.url("/reports/" + id + "/report.json")))
                .header("x-api-key", RW_KEY).timeout(Duration.ofSeconds(10)).GET();
        HttpResponse<byte[]> res;
        try {
            res = api.http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertEquals(200, res.statusCode());
        assertEquals(String.valueOf(big.length), res.headers().firstValue("Content-Length").orElse(""));
        assertArrayEquals(big, res.body());
    }

    static Stream<String> traversals() {
        String r = "/api/goose/reports/" + RUN + "/";
        return Stream.of(
                r + "..%2F..%2Fsecret.txt",
                r + "..%2Fsecret.txt",
                r + "..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
                r + "../../secret.txt",
                r + "../secret.txt",
                r + "../../../../../../../../etc/passwd",
                r + "%2e%2e/%2e%2e/secret.txt",
                r + "%2e%2e%2f%2e%2e%2fsecret.txt",
                r + "%2E%2E%2F%2E%2E%2Fsecret.txt",
                r + ".%2e/.%2e/secret.txt",
                r + "%2e%2e/",
                r + "/etc/passwd",
                r + "%2Fetc%2Fpasswd",
                r + "%2F..%2F..%2Fsecret.txt",
                r + "%00",
                r + "report.json%00",
                r + "report.json%00.html",
                r + "secret.txt%00report.json",
                r + "..%5C..%5Csecret.txt",
                r + "..\\..\\secret.txt",
                r + "%5Cetc%5Cpasswd",
                r + "%252e%252e%252f%252e%252e%252fsecret.txt",
                r + "%252e%252e/%252e%252e/secret.txt",
                r + "..%252f..%252fsecret.txt",
                r + "....//....//secret.txt",
                r + "..;/..;/secret.txt",
                r + "report.json/../../../secret.txt",
                r + "../" + ORPHAN + "/report.json",
                r + "..%2F" + ORPHAN + "%2Freport.json",
                r + "secret.txt",
                "/api/goose/reports/" + ORPHAN + "/report.json",
                "/api/goose/reports/..%2F..%2F/secret.txt",
                "/api/goose/reports/" + RUN + "%2F..%2F..%2Fsecret.txt/report.json",
                "/api/goose/reports/../../secret.txt",
                "/api/goose/reports/%2e%2e/%2e%2e/secret.txt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traversals")
    void aTraversalAttemptIsRefusedAndNeverLeaksAFileOutsideTheRunFolder(String target) throws IOException {
        try (RawHttp res = RawHttp.get(api.server.port(), target, Map.of("x-api-key", RW_KEY))) {
            assertTrue(res.status == 400 || res.status == 404, () -> target + " answered " + res.status + ": " + res.body);
            assertFalse(res.body.contains(SECRET), () -> target + " leaked the secret: " + res.body);
            assertFalse(res.body.contains("root:"), () -> target + " leaked /etc/passwd: " + res.body);
            assertTrue(res.headers.getOrDefault("content-type", "").startsWith("application/json"), res.headers::toString);
            assertNoStackTrace(res.body);
        }
    }

    @Test
    void namesListedInHistoryThatLeaveTheRunFolderAreStillRefused() {
        // the folder check does not trust history: each of these is "listed" for RUN
        for (String name : HOSTILE_LISTED) {
            String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
            HttpResponse<String> res = api.send(HttpRequest.newBuilder(URI.create(api.url("/reports/" + RUN + "/"
                    + encoded))).GET(), apiKey(RW_KEY));
            assertTrue(res.statusCode() == 400 || res.statusCode() == 404, () -> name + " answered " + res.statusCode());
            assertFalse(res.body().contains(SECRET), () -> name + " leaked the secret");
        }
    }

    @Test
    void noHostileNameCountsAsAServableFileName() {
        for (String name : HOSTILE_LISTED) {
            assertFalse(ReportRoutes.isServableName(name), name);
        }
        for (String name : REPORTS) {
            assertTrue(ReportRoutes.isServableName(name), name);
        }
    }

    @Test
    void aListedFileTheArtifactsDoNotOpenIs404() {
        String id = newRun();
        api.history.insert(record(id, List.of("report.json", "report.csv")));
        api.artifacts.put(id, "report.json", "{}".getBytes(StandardCharsets.UTF_8));
        assertError(api.get("/reports/" + id + "/report.csv", apiKey(RW_KEY)), 404, "report_not_found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"secret.txt", "report.pdf", "REPORT.JSON", "report.json.bak", "report.html"})
    void aFileThatIsNotListedIs404EvenWhenItExists(String file) {
        String id = newRun();
        api.history.insert(record(id, List.of("report.json")));
        api.artifacts.put(id, "report.json", "{}".getBytes(StandardCharsets.UTF_8));
        api.artifacts.put(id, "report.html", SECRET.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> res = api.get("/reports/" + id + "/" + file, apiKey(RW_KEY));
        assertError(res, 404, "report_not_found");
        assertFalse(res.body().contains(SECRET));
    }

    @Test
    void aListedFileMissingFromTheArtifactsIs404() {
        String id = newRun();
        api.history.insert(record(id, List.of("report.json")));
        assertError(api.get("/reports/" + id + "/report.json", apiKey(RW_KEY)), 404, "report_not_found");
    }

    @Test
    void aRunWithoutArtifactsIs404() {
        String id = UUID.randomUUID().toString();
        api.history.insert(record(id, List.of("report.json")));
        assertError(api.get("/reports/" + id + "/report.json", apiKey(RW_KEY)), 404, "report_not_found");
    }

    @Test
    void anUnknownRunIs404RunNotFound() {
        assertError(api.get("/reports/" + UUID.randomUUID() + "/report.json", apiKey(RW_KEY)), 404, "run_not_found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "1-1-1-1-1", "0b5c6a1e7d2f4e3a9c8b1a2b3c4d5e6f", "%27%20OR%201"})
    void aRunIdThatIsNotAUuidIs400(String runId) {
        assertError(api.get("/reports/" + runId + "/report.json", apiKey(RW_KEY)), 400, "invalid_run_id");
    }

    @Test
    void theRunIdIsMatchedWhateverItsCase() {
        assertEquals(200, api.get("/reports/" + RUN.toUpperCase() + "/report.json", apiKey(RW_KEY)).statusCode());
    }

    @Test
    void historyDetailLinksEveryServableReportAndEachLinkWorks() {
        JsonNode detail = json(api.get("/history/" + RUN, apiKey(RW_KEY)).body());
        JsonNode reports = detail.get("reports");
        List<String> files = new ArrayList<>();
        for (JsonNode r : reports) {
            files.add(r.get("file").asText());
            String url = r.get("url").asText();
            assertEquals("/api/goose/reports/" + RUN + "/" + r.get("file").asText(), url);
            HttpResponse<String> res = api.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + api.server.port() + url)).GET(), apiKey(RW_KEY));
            assertEquals(200, res.statusCode(), url);
        }
        assertEquals(REPORTS, files, "hostile listed names are not linked");
    }
}
