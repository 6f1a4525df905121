package io.maid.goose.app.service;

import io.maid.goose.adapter.http.helidon.auth.StaticApiKeyIntrospector.ApiKeyEntry;
import io.maid.goose.adapter.persistence.SqliteRunHistory;
import io.maid.goose.app.Composition;
import io.maid.goose.app.settings.Settings;
import io.maid.goose.app.settings.SettingsLoader;
import io.maid.goose.domain.ReportsState;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.testkit.SampleRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report files of a run served by the whole service over real files: what is on disk beside them, and
 * links placed among them, never leave through {@code GET /reports}, however the request is written.
 */
class ReportServingEndToEndTest {
    private static final String KEY = "test-key-0123456789";
    private static final String SECRET = "TOP-SECRET-5c1e-never-to-be-served";
    private static final String RUN = SampleRuns.RUN_ID;

    @TempDir
    Path dir;

    @Test
    void onlyTheRunsOwnFilesAreServedAndNothingBesideThemOrBehindALink() throws Exception {
        Path reports = dir.resolve("reports");
        Path db = dir.resolve("data/goose.db");
        RunSummary summary = SampleRuns.summary();
        List<String> files = Composition.artifacts(reports).write(summary, null);
        Path folder = reports.resolve(RUN);
        Files.writeString(dir.resolve("secret.txt"), SECRET);
        Files.writeString(reports.resolve("secret.txt"), SECRET);
        Files.writeString(folder.resolve("secret.txt"), SECRET);
        // report.csv becomes a link to a secret outside the run's folder, while history still lists it
        Files.delete(folder.resolve("report.csv"));
        Files.createSymbolicLink(folder.resolve("report.csv"), dir.resolve("secret.txt"));
        try (SqliteRunHistory history = new SqliteRunHistory(db, Composition.codec())) {
            List<String> listed = new ArrayList<>(files);
            listed.addAll(List.of("secret.txt", "../secret.txt", "../../secret.txt"));
            history.insert(RunRecord.started(RUN, summary.startedAt(), summary.config()).finished(summary)
                    .withReports(ReportsState.WRITTEN, listed, null));
        }
        Settings s = new SettingsLoader().load(List.of(Files.writeString(dir.resolve("settings.json"), """
                {"server": {"port": 0},
                 "persistence": {"database_path": "%s", "report_dir": "%s", "data_dir": "%s"}}
                """.formatted(db, reports, dir.resolve("data")))), Map.of());

        try (ServiceRuntime service = ServiceRuntime.start(s, List.of(new ApiKeyEntry("t", AdminKeyBootstrap.sha256Hex(KEY),
                Set.of("read:loadtests"))), new PrintStream(new ByteArrayOutputStream()))) {
            String base = "/api/goose/reports/" + RUN + "/";
            assertTrue(get(service.port(), base + "report.html").startsWith("HTTP/1.1 200"), "a listed file is served");
            for (String target : List.of(base + "report.csv", base + "secret.txt", base + "..%2Fsecret.txt",
                    base + "..%2F..%2Fsecret.txt", base + "%2e%2e/%2e%2e/secret.txt", base + "../../secret.txt",
                    "/api/goose/reports/" + RUN + "%2F..%2F..%2Fsecret.txt/report.json")) {
                String answer = get(service.port(), target);
                String status = answer.substring(9, 12);
                assertTrue(status.equals("400") || status.equals("404"), target + " answered " + answer);
                assertFalse(answer.contains(SECRET), target + " leaked the secret");
            }
        }
        assertEquals(SECRET, Files.readString(dir.resolve("secret.txt")), "nothing was touched");
    }

    /** One raw request, so that no client normalises the path first: the status line, headers and body. */
    private static String get(int port, String target) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + KEY
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.append((char) b);
            }
            Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
            byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
            return head + new String(body, StandardCharsets.UTF_8);
        }
    }
}
