package io.maid.goose.adapter.persistence;

import io.maid.goose.domain.AnalysisState;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunListing;
import io.maid.goose.domain.ReportsState;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunTotals;
import io.maid.goose.domain.StoredRun;
import io.maid.goose.ports.out.DecodeResult;
import io.maid.goose.ports.out.RunConfigCodec;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a run maps onto a row of {@code runs}: the SQL, the binding of a record, and the reading of a row as a
 * listing (columns only) or as a stored run (config decoded, leniently). {@code config_outdated} says
 * whether the stored config fails today's rules; {@code config_checked_by} names the open of the history
 * that last decided it, so every open checks each stored config at most once, when it is first read.
 */
final class RunRows {
    /** Fixed width, so that comparing the text compares the instants (Instant.toString trims zeros). */
    private static final DateTimeFormatter SORTABLE_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String STATE_COLUMNS = "status, phase, started_at, ended_at, total_requests, total_failures, "
            + "total_rps, total_p99_ms, report_files, error, analysis_state, analysis_json, analysis_error, total_p95_ms, "
            + "reports_state, verdict";
    private static final String CONFIG_COLUMNS = "config_json, users, target, config_outdated, config_checked_by";
    static final String LISTING_COLUMNS = "run_id, status, phase, started_at, ended_at, users, target, total_requests, "
            + "total_failures, total_rps, total_p99_ms, report_files, error, analysis_state, config_outdated, total_p95_ms, "
            + "reports_state, verdict";
    static final String RECORD_COLUMNS = "run_id, " + STATE_COLUMNS + ", config_json";
    static final String INSERT_SQL = "INSERT INTO runs (run_id, " + STATE_COLUMNS + ", " + CONFIG_COLUMNS + ") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id) DO NOTHING";
    static final String UPDATE_SQL = "UPDATE runs SET status = ?, phase = ?, started_at = ?, ended_at = ?, "
            + "total_requests = ?, total_failures = ?, total_rps = ?, total_p99_ms = ?, report_files = ?, error = ?, "
            + "analysis_state = ?, analysis_json = ?, analysis_error = ?, total_p95_ms = ?, reports_state = ?, verdict = ?, "
            + "config_json = ?, users = ?, target = ?, config_outdated = ?, config_checked_by = ? WHERE run_id = ?";
    /** For a record read back outdated (no config): everything but the stored config and what derives from it. */
    static final String UPDATE_KEEPING_CONFIG_SQL = "UPDATE runs SET status = ?, phase = ?, started_at = ?, ended_at = ?, "
            + "total_requests = ?, total_failures = ?, total_rps = ?, total_p99_ms = ?, report_files = ?, error = ?, "
            + "analysis_state = ?, analysis_json = ?, analysis_error = ?, total_p95_ms = ?, reports_state = ?, verdict = ? "
            + "WHERE run_id = ?";

    private final RunConfigCodec codec;
    private final String checkedBy;
    private final StoredJson json = new StoredJson();

    RunRows(RunConfigCodec codec, String checkedBy) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.checkedBy = checkedBy;
    }

    String checkedBy() {
        return checkedBy;
    }

    /** Binds {@link #INSERT_SQL}. */
    void bindInsert(PreparedStatement s, RunRecord r) throws SQLException {
        Objects.requireNonNull(r.config(), "config");
        s.setString(1, r.runId());
        int next = bindState(s, 2, r);
        bindConfig(s, next, r.config());
    }

    /** Binds {@link #UPDATE_SQL}, or {@link #UPDATE_KEEPING_CONFIG_SQL} when the record has no config. */
    void bindUpdate(PreparedStatement s, RunRecord r) throws SQLException {
        int next = bindState(s, 1, r);
        if (r.config() != null) {
            next = bindConfig(s, next, r.config());
        }
        s.setString(next, r.runId());
    }

    private int bindState(PreparedStatement s, int i, RunRecord r) throws SQLException {
        if (r.startedAt() == null) {
            throw new IllegalArgumentException("run " + r.runId() + " has no started_at; history orders runs by it");
        }
        Objects.requireNonNull(r.state(), "state");
        s.setString(i++, r.state().wireName());
        s.setString(i++, r.phase() == null ? null : r.phase().wireName());
        s.setString(i++, instant(r.startedAt()));
        s.setString(i++, instant(r.endedAt()));
        s.setLong(i++, r.totals().requests());
        s.setLong(i++, r.totals().failures());
        s.setDouble(i++, r.totals().rps());
        s.setDouble(i++, r.totals().p99Ms());
        s.setString(i++, json.reportFiles(r.reportFiles()));
        s.setString(i++, r.error());
        s.setString(i++, r.analysisState().wireName());
        s.setString(i++, json.analysis(r.analysis()));
        s.setString(i++, r.analysisError());
        if (Double.isFinite(r.totals().p95Ms())) {
            s.setDouble(i++, r.totals().p95Ms());
        } else {
            s.setNull(i++, java.sql.Types.REAL);
        }
        s.setString(i++, r.reportsState().wireName());
        s.setString(i++, r.verdict() == null ? null : r.verdict().wireName());
        return i;
    }

    private int bindConfig(PreparedStatement s, int i, RunConfig c) throws SQLException {
        s.setString(i++, codec.encode(c));
        s.setInt(i++, c.users());
        s.setString(i++, c.targetBaseUrl().toString());
        s.setInt(i++, 0);
        s.setString(i++, checkedBy);
        return i;
    }

    /** A row selected with {@link #LISTING_COLUMNS}. */
    RunListing listing(ResultSet rs) throws SQLException {
        return new RunListing(rs.getString("run_id"), state(rs), phase(rs), parseInstant(rs.getString("started_at")),
                parseInstant(rs.getString("ended_at")), nullableInt(rs, "users"),
                rs.getString("target"), totals(rs), json.reportFiles(rs.getString("report_files")), reportsState(rs),
                rs.getString("error"), analysisState(rs), rs.getInt("config_outdated") == 1, verdict(rs));
    }

    /** A row selected with {@link #RECORD_COLUMNS}, its config decoded with today's rules. */
    StoredRun stored(ResultSet rs) throws SQLException {
        String runId = rs.getString("run_id");
        String storedConfig = rs.getString("config_json");
        Verdict v = check(storedConfig);
        RunRecord record = new RunRecord(runId, state(rs), phase(rs), parseInstant(rs.getString("started_at")),
                parseInstant(rs.getString("ended_at")), v.config(), totals(rs),
                json.reportFiles(rs.getString("report_files")), reportsState(rs), rs.getString("error"), analysisState(rs),
                json.analysis(rs.getString("analysis_json")), rs.getString("analysis_error"), verdict(rs));
        return v.config() != null ? StoredRun.current(record) : new StoredRun(record, storedConfig, v.violations());
    }

    /** What today's rules say of a stored config: the config, or why they reject it. */
    record Verdict(RunConfig config, List<ConfigViolation> violations) {
        boolean outdated() {
            return config == null;
        }
    }

    Verdict check(String storedConfig) {
        DecodeResult decoded;
        try {
            decoded = codec.decode(storedConfig);
        } catch (RuntimeException e) {
            // a codec that throws on what an older build wrote is one more way of rejecting it
            return new Verdict(null, List.of(new ConfigViolation("", "cannot be read: " + e.getMessage())));
        }
        return decoded instanceof DecodeResult.Valid valid ? new Verdict(valid.config(), List.of())
                : new Verdict(null, ((DecodeResult.Invalid) decoded).violations());
    }

    static String instant(Instant t) {
        return t == null ? null : SORTABLE_INSTANT.format(t);
    }

    private static Instant parseInstant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private static RunState state(ResultSet rs) throws SQLException {
        return RunState.fromWire(rs.getString("status"));
    }

    private static RunPhase phase(ResultSet rs) throws SQLException {
        String phase = rs.getString("phase");
        return phase == null ? null : RunPhase.fromWire(phase);
    }

    private static RunTotals totals(ResultSet rs) throws SQLException {
        return new RunTotals(rs.getLong("total_requests"), rs.getLong("total_failures"), rs.getDouble("total_rps"),
                rs.getDouble("total_p99_ms"), p95(rs));
    }

    /** NULL for runs recorded before the p95 was kept. */
    private static double p95(ResultSet rs) throws SQLException {
        double v = rs.getDouble("total_p95_ms");
        return rs.wasNull() ? Double.NaN : v;
    }

    private static AnalysisState analysisState(ResultSet rs) throws SQLException {
        return AnalysisState.valueOf(rs.getString("analysis_state").toUpperCase(Locale.ROOT));
    }

    private static ReportsState reportsState(ResultSet rs) throws SQLException {
        return ReportsState.fromWire(rs.getString("reports_state"));
    }

    /** NULL while a run goes on. */
    private static io.maid.goose.domain.threshold.Verdict verdict(ResultSet rs) throws SQLException {
        String v = rs.getString("verdict");
        return v == null ? null : io.maid.goose.domain.threshold.Verdict.fromWire(v);
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        Object v = rs.getObject(column);
        return v instanceof Number n ? n.intValue() : null;
    }
}
