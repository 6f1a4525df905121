package io.maid.goose.adapter.http.helidon.routes;

import io.maid.goose.adapter.http.helidon.ApiResponses;
import io.maid.goose.adapter.http.helidon.ApiServices;
import io.maid.goose.adapter.http.helidon.HelidonApiServer;
import io.maid.goose.adapter.http.helidon.RouteTable;
import io.maid.goose.adapter.http.helidon.Wire;
import io.maid.goose.adapter.http.helidon.auth.ScopeGuard;
import io.maid.goose.adapter.http.helidon.auth.SignedReportLink;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.StoredRun;
import io.maid.goose.domain.Scopes;
import io.maid.goose.ports.out.ArtifactFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET} and {@code HEAD /reports/{run_id}/{file}}: a finished run's report files, and nothing else,
 * for a credential or a signed link ({@link io.maid.goose.adapter.http.helidon.auth.SignedLinkFilter}).
 *
 * <p>Guarantees: a file is served only when its name is one the run's history record lists (an exact
 * match), the name is a plain file name, and the run's {@link io.maid.goose.ports.out.RunArtifacts} opens it
 * (which opens only complete files of that run, never a link elsewhere). Every other request answers a JSON
 * 400 or 404 that says nothing about where files are kept. Files are streamed, never read whole.
 *
 * <p>Every answer carries {@code X-Content-Type-Options: nosniff}; HTML reports also carry a
 * Content-Security-Policy that allows their inline CSS, SVG and script but no network access, no framing
 * and no forms, because a report shows values (names, paths, error texts) taken from the tested system.
 */
public final class ReportRoutes {
    static final String HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** Opened through a signed link, a report may be framed by this origin's dashboard, and only by it. */
    static final String HTML_CSP_SIGNED = HTML_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'");
    /** Report writers name files like {@code report.json}; nothing with a separator or a leading dot. */
    private static final Pattern SERVABLE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int COPY_BUFFER = 64 * 1024;
    private static final System.Logger LOG = System.getLogger(ReportRoutes.class.getName());

    private final ApiServices services;
    private final ApiResponses responses;
    private final ScopeGuard guard;

    public ReportRoutes(ApiServices services, ApiResponses responses, ScopeGuard guard) {
        this.services = services;
        this.responses = responses;
        this.guard = guard;
    }

    public void register(RouteTable routes, String base) {
        routes.get(base + "/reports/{runId}/{file}", guard.require(Scopes.READ, this::serve));
        routes.head(base + "/reports/{runId}/{file}", guard.require(Scopes.READ, this::serve));
    }

    /** Whether a listed name can be served at all (and so whether to link to it). */
    public static boolean isServableName(String file) {
        return file != null && SERVABLE_NAME.matcher(file).matches() && !file.contains("..");
    }

    /** The API path of one report file. */
    static String url(String runId, String file) {
        return HelidonApiServer.BASE_PATH + "/reports/" + runId + "/" + file;
    }

    private void serve(ServerRequest req, ServerResponse res) {
        String runId = req.path().pathParameters().get("runId");
        if (!Wire.isRunId(runId)) {
            responses.error(res, 400, "invalid_run_id", Wire.INVALID_RUN_ID);
            return;
        }
        runId = runId.toLowerCase(Locale.ROOT);
        Optional<RunRecord> run = services.history().find(runId).map(StoredRun::record);
        if (run.isEmpty()) {
            responses.error(res, 404, "run_not_found", "no run with this run_id in history");
            return;
        }
        String file = req.path().pathParameters().get("file");
        if (!run.get().reportFiles().contains(file) || !isServableName(file)) {
            reportNotFound(res);
            return;
        }
        Optional<ArtifactFile> stored = services.artifacts().open(runId, file);
        if (stored.isEmpty()) {
            // not written, removed (retention), or not a plain file of the run
            reportNotFound(res);
            return;
        }
        stream(res, stored.get(), runId, req.prologue().method() == Method.HEAD,
                req.context().get(SignedReportLink.class).isPresent());
    }

    private void stream(ServerResponse res, ArtifactFile stored, String runId, boolean head, boolean signed) {
        String file = stored.name();
        try (stored) {
            InputStream in = stored.content();
            long size = stored.size();
            res.status(Status.OK_200);
            headers(res, file, signed);
            res.contentLength(size);
            if (head) {
                res.send();
                return;
            }
            try (OutputStream out = res.outputStream()) {
                // exactly the announced length: report files are replaced by rename, never grown in place
                byte[] buffer = new byte[COPY_BUFFER];
                long left = size;
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new IOException("the file ended " + left + " bytes early");
                    }
                    out.write(buffer, 0, n);
                    left -= n;
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "serving report " + file + " of run " + runId + " failed: " + e.getMessage());
            throw new UncheckedIOException("serving a report file failed", e);
        }
    }

    private static void headers(ServerResponse res, String file, boolean signed) {
        String lower = file.toLowerCase(Locale.ROOT);
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
        if (lower.endsWith(".html")) {
            res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
            res.header(HeaderNames.create("Content-Security-Policy"), signed ? HTML_CSP_SIGNED : HTML_CSP);
            res.header(HeaderNames.CONTENT_DISPOSITION, "inline; filename=\"" + file + "\"");
        } else if (lower.endsWith(".csv")) {
            res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8");
            res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"");
        } else if (lower.endsWith(".xml")) {
            res.header(HeaderNames.CONTENT_TYPE, "application/xml; charset=utf-8");
            res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"");
        } else if (lower.endsWith(".json")) {
            res.header(HeaderNames.CONTENT_TYPE, ApiResponses.APPLICATION_JSON);
            res.header(HeaderNames.CONTENT_DISPOSITION, "inline; filename=\"" + file + "\"");
        } else {
            res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
            res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"");
        }
    }

    private void reportNotFound(ServerResponse res) {
        responses.error(res, 404, "report_not_found", "this run has no report file of that name");
    }
}
