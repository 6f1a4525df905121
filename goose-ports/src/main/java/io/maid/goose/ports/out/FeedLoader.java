package io.maid.goose.ports.out;

import io.maid.goose.domain.flow.FeedSource;

import java.nio.file.Path;

/**
 * Loads a data feeder's CSV file (a header row, then rows) before a run starts. Where a path may point is
 * the caller's policy (relative to the config file for {@code goose run}, under {@code engine.data_dir} for
 * the service); the loader reads what it is given. Thread-safe.
 */
public interface FeedLoader {
    /**
     * Reads {@code file}: the header row names the columns; every row must have one value per column.
     *
     * @throws FeedLoadException when the file is missing, unreadable, larger than
     *                           {@link FeedSource#MAX_FILE_BYTES}, has more than {@link FeedSource#MAX_ROWS} rows, or is not
     *                           valid CSV; the message names the file and, for a bad row, its line
     */
    FeedSource.Rows load(Path file);

    /** Why a feeder file could not be loaded; the message is for the user and names the file (and line). */
    final class FeedLoadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public FeedLoadException(String message) {
            super(message);
        }

        public FeedLoadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
