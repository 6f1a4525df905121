package io.maid.goose.app.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cause of a failed file operation, as a shell would word it. */
class IoProblemsTest {
    @Test
    void anAccessDeniedIsPermissionDeniedWithTheFile() {
        UncheckedIOException failure = new UncheckedIOException("cannot write report.json", new AccessDeniedException("/r/x/.report.json.tmp"));

        assertEquals("permission denied: /r/x/.report.json.tmp", IoProblems.describe(failure));
    }

    @Test
    void theOperatingSystemsReasonIsUsedWhenThereIsOne() {
        IOException cause = new FileSystemException("/r/file/run", null, "Not a directory");

        assertEquals("not a directory: /r/file/run", IoProblems.describe(new UncheckedIOException("cannot create", cause)));
    }

    @Test
    void theFileIsLeftOutWhenItIsWhatTheCallerNames() {
        IOException cause = new FileSystemException("/r/file/run", null, "Not a directory");

        assertEquals("not a directory", IoProblems.describe(new UncheckedIOException("cannot create", cause), Path.of("/r/file/run")));
    }

    @Test
    void theInnermostIoProblemIsTheCause() {
        IOException rendering = new IOException("cannot write report.html", new NoSuchFileException("/gone"));

        assertEquals("no such file or directory: /gone", IoProblems.describe(new UncheckedIOException(rendering)));
    }

    @Test
    void aFailureWithoutAnIoProblemKeepsItsMessage() {
        assertEquals("disk on fire", IoProblems.describe(new IllegalStateException("disk on fire")));
    }
}
