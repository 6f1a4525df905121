package io.maid.goose.app.flows;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a feeder's {@code csv} path resolves, and where it may not go.
 *
 * <ul>
 *   <li>{@link #relativeTo}: {@code goose run} and {@code goose validate} read the files of the user's own
 *       machine, relative to the config file's folder; an absolute path is taken as it is.</li>
 *   <li>{@link #confinedTo}: the service reads only below its {@code engine.data_dir}. A path that is absolute,
 *       that holds a {@code ..} segment, or whose real location (symbolic links followed) is outside the folder
 *       is refused without the file being opened.</li>
 * </ul>
 */
public sealed interface FeedFolder {
    /**
     * The file to load for {@code csv}, absolute and normalised.
     *
     * @throws RefusedPathException when the path may not be read, or (confined) does not exist; the message,
     *                              for the user, names the resolved path
     */
    Path resolve(String csv);

    static FeedFolder relativeTo(Path folder) {
        return new Relative(folder.toAbsolutePath().normalize());
    }

    static FeedFolder confinedTo(Path dataDir) {
        return new Confined(dataDir.toAbsolutePath().normalize());
    }

    /** A path refused by the policy; the message says why, for the user. */
    final class RefusedPathException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RefusedPathException(String message) {
            super(message);
        }
    }

    /** Relative to the config file's folder. */
    record Relative(Path folder) implements FeedFolder {
        @Override
        public Path resolve(String csv) {
            return folder.resolve(path(csv)).normalize();
        }
    }

    /** Below the service's data folder, and nowhere else. */
    record Confined(Path dataDir) implements FeedFolder {
        @Override
        public Path resolve(String csv) {
            Path given = path(csv);
            if (given.isAbsolute() || given.getRoot() != null) {
                throw new RefusedPathException("'" + csv + "' is an absolute path; the service reads feeder files only"
                        + " below its data folder (engine.data_dir), so give a path relative to it");
            }
            for (Path segment : given) {
                if (segment.toString().equals("..")) {
                    throw new RefusedPathException("'" + csv + "' holds '..'; the service reads feeder files only below its"
                            + " data folder (engine.data_dir)");
                }
            }
            Path resolved = dataDir.resolve(given).normalize();
            Path real;
            try {
                real = resolved.toRealPath();
            } catch (NoSuchFileException e) {
                throw new RefusedPathException("file not found: " + resolved);
            } catch (IOException e) {
                throw new RefusedPathException(resolved + ": cannot be read (" + e.getMessage() + ")");
            }
            Path realDir;
            try {
                realDir = dataDir.toRealPath();
            } catch (IOException e) {
                throw new RefusedPathException("file not found: " + resolved);
            }
            if (!real.startsWith(realDir)) {
                throw new RefusedPathException("'" + csv + "' leads out of the service's data folder (engine.data_dir)"
                        + " through a symbolic link; feeder files must lie below it");
            }
            return real;
        }
    }

    private static Path path(String csv) {
        try {
            return Path.of(csv);
        } catch (InvalidPathException e) {
            throw new RefusedPathException("'" + csv + "' is not a valid path: " + e.getReason());
        }
    }
}
