package io.maid.goose.ports.out;

import io.maid.goose.domain.ReportFormat;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link RunArtifacts#recover} found in a run's files after a crash.
 *
 * @param removedTemporaryFiles the temporary files a write left behind, now removed
 * @param files                 the complete files there are, in {@link RunArtifacts#list} order
 * @param missingFormats        the expected formats of which at least one file is missing
 */
public record ArtifactRecovery(List<String> removedTemporaryFiles, List<String> files, Set<ReportFormat> missingFormats) {
    public ArtifactRecovery {
        removedTemporaryFiles = List.copyOf(removedTemporaryFiles);
        files = List.copyOf(files);
        // in format order, for messages that list them
        missingFormats = missingFormats.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(missingFormats));
    }

    /** Whether every expected format is complete. */
    public boolean complete() {
        return missingFormats.isEmpty();
    }
}
