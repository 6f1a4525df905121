package io.maid.goose.adapter.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings a database to the newest schema by running the versioned scripts {@code db/migration/V<n>__<what>.sql}
 * on the classpath, each in its own transaction together with its row in {@code schema_version}. A script
 * either applies whole or not at all, and re-running is a no-op.
 *
 * <p>Scripts are plain statements separated by {@code ;} with {@code --} comments: no triggers and no
 * semicolons inside literals, which keeps splitting them trivial. To change the schema, add the next
 * {@code V<n>} script and its name to {@link #SCRIPTS}; never edit an applied one.
 */
final class SchemaMigrations {
    static final List<String> SCRIPTS = List.of("V1__runs.sql", "V2__listing_columns.sql", "V3__total_p95.sql",
            "V4__reports_state.sql", "V5__verdict.sql");
    private static final Pattern NAME = Pattern.compile("V(\\d+)__[A-Za-z0-9_]+\\.sql");

    private SchemaMigrations() {
    }

    static int latestVersion() {
        return version(SCRIPTS.get(SCRIPTS.size() - 1));
    }

    /**
     * @throws IllegalStateException if the database was written by a newer schema than this build knows
     * @throws SQLException          if a script fails; its transaction is rolled back
     */
    static void migrate(Connection connection, String where, InstantSource time) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER NOT NULL PRIMARY KEY, script TEXT NOT NULL, applied_at TEXT NOT NULL)");
        }
        int current = currentVersion(connection);
        if (current > latestVersion()) {
            throw new IllegalStateException("the run history " + where + " has schema version " + current
                    + ", newer than the newest this build knows (" + latestVersion() + "); run a newer goose-java "
                    + "or point persistence.database_path at another file");
        }
        for (String script : SCRIPTS) {
            int version = version(script);
            if (version > current) {
                apply(connection, script, version, where, time);
            }
        }
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void apply(Connection connection, String script, int version, String where, InstantSource time)
            throws SQLException {
        List<String> statements = statements(read(script));
        connection.setAutoCommit(false);
        try {
            // Another process may have migrated between our check and this transaction's write lock.
            if (currentVersion(connection) >= version) {
                connection.rollback();
                return;
            }
            try (Statement s = connection.createStatement()) {
                for (String sql : statements) {
                    s.executeUpdate(sql);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO schema_version (version, script, applied_at) VALUES (?, ?, ?)")) {
                insert.setInt(1, version);
                insert.setString(2, script);
                insert.setString(3, time.instant().toString());
                insert.executeUpdate();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            if (e instanceof SQLException sql) {
                SQLException wrapped = new SQLException("applying " + script + " to " + where + " failed: "
                        + sql.getMessage(), sql.getSQLState(), sql.getErrorCode(), sql);
                throw wrapped;
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    static int version(String script) {
        Matcher m = NAME.matcher(script);
        if (!m.matches()) {
            throw new IllegalArgumentException("migration script names look like V1__what.sql, was " + script);
        }
        return Integer.parseInt(m.group(1));
    }

    private static String read(String script) {
        String resource = "db/migration/" + script;
        try (InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + resource, e);
        }
    }

    static List<String> statements(String script) {
        StringBuilder withoutComments = new StringBuilder(script.length());
        for (String line : script.split("\n", -1)) {
            int comment = line.indexOf("--");
            withoutComments.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        List<String> out = new ArrayList<>();
        for (String part : withoutComments.toString().split(";")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }
}
