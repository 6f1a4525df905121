package io.maid.goose.adapter.reports;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Writes a file so that it appears complete or not at all: the bytes go to a hidden temporary file in the
 * target's own directory (a rename is only atomic within one file system), are forced to disk, and the
 * temporary file is then renamed over the final name. On any failure the temporary file is deleted; only a
 * process that dies mid-write leaves one, named {@code .<final name>.<uuid>.tmp} ({@link #isTemporary}).
 */
final class AtomicFiles {
    /** Produces a file's content. It may close the stream it is given; the real file is closed here. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    static final String TEMP_SUFFIX = ".tmp";
    private static final Pattern TEMPORARY = Pattern.compile(
            "\\..+\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}" + Pattern.quote(TEMP_SUFFIX));

    private AtomicFiles() {
    }

    /** Whether {@code fileName} is the name of a temporary file that {@link #write} makes. */
    static boolean isTemporary(String fileName) {
        return TEMPORARY.matcher(fileName).matches();
    }

    static void write(Path target, Content content) throws IOException {
        write(target, content, (temp, name) -> { });
    }

    /** As {@link #write(Path, Content)}, calling {@code hook} once the temporary file is on disk, before the rename. */
    static void write(Path target, Content content, FileRunArtifacts.WriteHook hook) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Path temp = directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
        boolean renamed = false;
        try {
            // CREATE_NEW rather than Files.createTempFile: the latter makes the file owner-only (0600),
            // and that mode would carry over to the report under its final name.
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
                content.writeTo(new CloseShield(buffered));
                buffered.flush();
                channel.force(true);
            }
            hook.beforeRename(temp, target.getFileName().toString());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            renamed = true;
            forceDirectory(directory);
        } catch (IOException | RuntimeException | Error failure) {
            if (!renamed) {
                deleteQuietly(temp, failure);
            }
            throw failure;
        }
    }

    /** Makes the rename itself durable; not every platform can open a directory, which is fine there. */
    private static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // The file is complete and renamed; only its survival of a power cut is platform-dependent.
        }
    }

    private static void deleteQuietly(Path temp, Throwable cause) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /** Lets renderers close what they were given (Jackson, commons-csv do) without closing the file early. */
    private static final class CloseShield extends FilterOutputStream {
        CloseShield(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
