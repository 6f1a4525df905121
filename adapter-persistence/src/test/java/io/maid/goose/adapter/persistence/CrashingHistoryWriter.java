package io.maid.goose.adapter.persistence;

import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.testkit.FakeRunConfigCodec;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Run in a child JVM by the crash test: records a run that is under way, then dies on the spot, with no
 * close, no shutdown hooks and no finalisation, the way a killed service would.
 */
public final class CrashingHistoryWriter {
    static final int EXIT_CODE = 137;

    private CrashingHistoryWriter() {
    }

    public static void main(String[] args) {
        SqliteRunHistory history = new SqliteRunHistory(Path.of(args[0]), new FakeRunConfigCodec());
        RunConfig config = RunConfig.builder("http://127.0.0.1:9").get("root", "/").build();
        history.insert(RunRecord.started(args[1], Instant.parse("2025-03-01T10:00:00Z"), config)
                .withPhase(RunPhase.MAINTAIN));
        Runtime.getRuntime().halt(EXIT_CODE);
    }
}
