package io.maid.goose.ports.out;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * One stored file of a run, open for reading ({@link RunArtifacts#open}). {@code content} yields exactly
 * {@code size} bytes: files are replaced by rename, never changed in place. Close it when done.
 *
 * @param name    the file's name, e.g. {@code report.html}
 * @param size    its length in bytes
 * @param content its bytes
 */
public record ArtifactFile(String name, long size, InputStream content) implements Closeable {
    public ArtifactFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }

    @Override
    public void close() throws IOException {
        content.close();
    }
}
