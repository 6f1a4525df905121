package io.maid.goose.engine.flow;

import io.maid.goose.domain.flow.DataFeeder;
import io.maid.goose.domain.flow.FeedSource;
import io.maid.goose.domain.flow.FeedStrategy;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A data feeder at run time: its rows, shared read-only by every user, and its cursor.
 *
 * <ul>
 *   <li>{@code circular}: one cursor shared by all users ({@code getAndIncrement} of an {@link AtomicLong}),
 *       wrapping at the end, so consecutive takes by any users hand out consecutive rows;</li>
 *   <li>{@code random}: a uniform row from the taking user's own generator, no shared state at all;</li>
 *   <li>{@code unique}: the same shared cursor without wrapping: each row is handed out at most once per run;
 *       a take beyond the last row finds the feeder exhausted.</li>
 * </ul>
 * Taking a row is one atomic increment at most, never a lock. The first take that finds the feeder
 * exhausted tells {@code onExhausted} (once per run). Thread-safe.
 */
final class Feeder {
    private final DataFeeder config;
    private final List<List<String>> rows;
    /** {@code <feeder>.<column>} for each column, made once so a take allocates nothing. */
    private final String[] variables;
    private final AtomicLong cursor = new AtomicLong();
    private final AtomicBoolean exhausted = new AtomicBoolean();
    private final Consumer<DataFeeder> onExhausted;

    Feeder(DataFeeder config, Consumer<DataFeeder> onExhausted) {
        if (!(config.source() instanceof FeedSource.Rows r)) {
            throw new IllegalArgumentException("data feeder '" + config.name() + "' still names its CSV file ("
                    + ((FeedSource.CsvFile) config.source()).path() + "); load it into rows before the run starts");
        }
        this.config = config;
        this.rows = r.rows();
        this.variables = new String[r.columns().size()];
        for (int c = 0; c < variables.length; c++) {
            variables[c] = config.name() + "." + r.columns().get(c);
        }
        this.onExhausted = onExhausted;
    }

    DataFeeder config() {
        return config;
    }

    /**
     * Takes one row into {@code session}'s variables.
     *
     * @return false when a {@code unique} feeder has no row left (the session is unchanged)
     */
    boolean takeInto(UserSession session) {
        int n = rows.size();
        int row;
        if (config.strategy() == FeedStrategy.RANDOM) {
            row = session.nextIndex(n);
        } else {
            long i = cursor.getAndIncrement();
            if (config.strategy() == FeedStrategy.UNIQUE && i >= n) {
                if (exhausted.compareAndSet(false, true)) {
                    onExhausted.accept(config);
                }
                return false;
            }
            row = (int) Long.remainderUnsigned(i, n);
        }
        List<String> values = rows.get(row);
        for (int c = 0; c < variables.length; c++) {
            session.set(variables[c], values.get(c));
        }
        return true;
    }
}
