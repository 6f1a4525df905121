package io.maid.goose.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Records every java.util.logging record (where {@link System.Logger} lands by default) while open, each
 * formatted as the console would print it, stack trace included. The named logger is opened to every level
 * for the capture and put back as it was on {@link #close()}.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger root = Logger.getLogger("");
    private final Logger ours;
    private final Level previous;
    private final List<String> lines = new ArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    /** @param loggerName the logger (a package or class name) whose records of every level are wanted */
    public LogCapture(String loggerName) {
        ours = Logger.getLogger(loggerName);
        previous = ours.getLevel();
        setLevel(Level.ALL);
        ours.setLevel(Level.ALL);
        root.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (isLoggable(record)) {
            lines.add(formatter.format(record));
        }
    }

    /** Every record so far, formatted; a record with a stack trace is one entry of several lines. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The number of text lines written so far, as in a log file. */
    public synchronized long textLines() {
        return lines.stream().mapToLong(l -> l.lines().count()).sum();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        ours.setLevel(previous);
    }
}
