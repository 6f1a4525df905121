package io.maid.goose.engine.metrics;

import io.maid.goose.domain.ErrorKind;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * One virtual user's latest error messages on their way to the aggregator: a ring of
 * {@value #CAPACITY} entries with one writer (the user) and one reader (the aggregator), and no lock.
 *
 * <p>The writer {@link #offer}s a failure's kind, its transport detail (or {@code null}) and its status;
 * the entry is published by a release store of the write count, so the reader sees it whole. The reader
 * {@link #drain}s once a second, drops its references and releases the slots by a release store of the
 * read count. A full ring, or a sample equal to one still pending, is dropped at once: these are samples,
 * and the run keeps only a few distinct ones per request key and error kind anyway. So a user holds at
 * most {@value #CAPACITY} messages, and offering one costs a few comparisons and no allocation: turning a
 * bare status into {@code "HTTP 503"} and trimming long details is the reader's job.
 */
public final class UserErrorSamples {
    /** Pending samples per user; a power of two. */
    public static final int CAPACITY = 8;
    private static final int MASK = CAPACITY - 1;
    private static final VarHandle WRITTEN;
    private static final VarHandle READ;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            WRITTEN = lookup.findVarHandle(UserErrorSamples.class, "written", long.class);
            READ = lookup.findVarHandle(UserErrorSamples.class, "read", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Receives one drained sample. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * @param transaction the user's local transaction index
         * @param kind        the failure's kind
         * @param detail      the transport's description, or {@code null}
         * @param status      the response status, 0 when no response arrived
         */
        void visit(int transaction, ErrorKind kind, String detail, int status);
    }

    private final int[] transactions = new int[CAPACITY];
    private final ErrorKind[] kinds = new ErrorKind[CAPACITY];
    private final String[] details = new String[CAPACITY];
    private final int[] statuses = new int[CAPACITY];
    /** Written by the writer only (release), read by the reader (acquire). */
    @SuppressWarnings("unused")
    private long written;
    /** Written by the reader only (release), read by the writer (acquire). */
    @SuppressWarnings("unused")
    private long read;

    /** Writer only: queues one failure's sample unless the ring is full or holds an equal one. */
    public void offer(int transaction, ErrorKind kind, String detail, int status) {
        long w = (long) WRITTEN.get(this);
        long r = (long) READ.getAcquire(this);
        if (w - r >= CAPACITY) {
            return;
        }
        for (long i = r; i < w; i++) {
            int k = (int) (i & MASK);
            // The reader may be clearing these entries; a torn comparison only lets a duplicate through.
            if (transactions[k] == transaction && kinds[k] == kind && statuses[k] == status
                    && Objects.equals(details[k], detail)) {
                return;
            }
        }
        int k = (int) (w & MASK);
        transactions[k] = transaction;
        kinds[k] = kind;
        details[k] = detail;
        statuses[k] = status;
        WRITTEN.setRelease(this, w + 1);
    }

    /** Reader only: hands every pending sample to {@code visitor}, in the order offered, and frees them. */
    public void drain(Visitor visitor) {
        long r = (long) READ.get(this);
        long w = (long) WRITTEN.getAcquire(this);
        for (long i = r; i < w; i++) {
            int k = (int) (i & MASK);
            visitor.visit(transactions[k], kinds[k], details[k], statuses[k]);
            details[k] = null;
        }
        READ.setRelease(this, w);
    }
}
