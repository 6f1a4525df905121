package io.maid.goose.app.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/** A failed file operation in the words a user knows from the shell ("permission denied"), not a Java class name. */
final class IoProblems {
    private IoProblems() {
    }

    /** The cause of {@code failure}: the innermost I/O problem in its chain, with the file it concerns. */
    static String describe(Throwable failure) {
        return describe(failure, null);
    }

    /** As {@link #describe(Throwable)}, without naming the file when it is {@code subject}, which the caller names. */
    static String describe(Throwable failure, Path subject) {
        IOException io = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException e) {
                io = e;
            }
        }
        if (io == null) {
            return String.valueOf(failure.getMessage());
        }
        String file = io instanceof FileSystemException fs ? fs.getFile() : null;
        boolean named = file != null && (subject == null || !Path.of(file).equals(subject));
        return reason(io) + (named ? ": " + file : "");
    }

    private static String reason(IOException io) {
        return switch (io) {
            case AccessDeniedException e -> "permission denied";
            case NoSuchFileException e -> "no such file or directory";
            case NotDirectoryException e -> "not a directory";
            case FileAlreadyExistsException e -> "a file of that name is in the way";
            case FileSystemException e when e.getReason() != null -> e.getReason().toLowerCase(Locale.ROOT);
            default -> String.valueOf(io.getMessage());
        };
    }
}
