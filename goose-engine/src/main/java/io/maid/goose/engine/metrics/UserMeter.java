package io.maid.goose.engine.metrics;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.ports.out.RequestOutcome;

/**
 * Records one virtual user's requests: latency into the {@link LatencyStripe} of its writer (its event loop's
 * own, or one of the thread users' pool) and counts and error messages into the user's own single-writer
 * {@link UserCounters}. Used only by the owning user's thread or event loop; on a loop it takes no lock and
 * shares no atomic with another loop, and it allocates nothing per request (the first failure of a
 * transaction, or of a user, makes the histograms or the error-sample ring it needs, once).
 *
 * <h2>What is recorded</h2>
 * Every completed request (success or failure) is counted and its latency recorded, in microseconds
 * rounded to the nearest µs and clamped to {@code [1 µs, 1 h]}. A response counts as a success when
 * {@link RequestSpec#isSuccess(int)} accepts its status; otherwise it is an
 * {@link ErrorKind#UNEXPECTED_STATUS} failure (its status is still counted). A transport failure counts
 * under its own {@link ErrorKind}. A caller that judges responses itself (checks, extractors) passes the
 * failure it found instead. A failure also offers its transport detail (and status) as an error
 * sample. Requests abandoned at shutdown are never seen here. Each of an outcome's
 * {@link RequestOutcome#closedAttempts()} (an attempt a kept-alive connection closed before any answer, then
 * re-sent by the transport) counts as one more request, failed with {@link ErrorKind#CONNECTION_CLOSED}, and
 * records no latency: the latency sample belongs to the attempt that ended the request.
 *
 * <h2>TLS handshakes</h2>
 * A request whose outcome {@linkplain RequestOutcome#shookHands() timed a TLS handshake} (it opened a TLS
 * connection, whether it then succeeded or failed) also records the handshake's time, rounded and clamped like a
 * latency, into the stripe's handshake histogram, uncorrected. Its latency, which includes the handshake, is
 * recorded as for any request.
 *
 * <h2>OK and failed latency</h2>
 * The raw latency goes into the slot's OK or failed histogram of the stripe, never both, so a refused connect after 0.3 ms cannot pull the median of a slow
 * service down; the latency of all requests is their sum, formed off the request path.
 *
 * <h2>Coordinated-omission correction</h2>
 * A closed-model user waits for each answer before it sends the next request, so a stalled server also
 * stalls the measurements: the requests the user <em>would</em> have sent during a stall are never
 * timed, and the raw percentiles look better than what a steady stream of clients would experience.
 * To correct for this, every latency is also recorded
 * through {@code recordValueWithExpectedInterval(latency, expected)}, where {@code expected} is the user's
 * own expected cadence: think time (its mean, when it is a range or differs per transaction) plus the user's
 * running mean raw latency over its earlier requests
 * (not including this one), at least the throughput-cap pacing interval when a cap is set, and never below
 * 100 µs. When a latency exceeds that cadence, HdrHistogram back-fills the samples the user missed
 * ({@code latency - expected}, {@code latency - 2·expected}, ... down to {@code expected}). A user's first
 * request has no baseline and is recorded as is.
 *
 * <p>The corrected histogram covers <em>all</em> requests, successes and failures alike, and the cadence is
 * the mean over all of them. The filled-in samples stand for requests that were never sent, so they have
 * no outcome to be sorted by; and the user's cadence is what it really did, fast failures included.
 * Splitting the correction by outcome would invent an outcome for requests that never existed.
 *
 * <p>A one-second stall among 1 ms responses thus adds roughly a thousand synthetic samples between
 * 1 ms and 1 s to the corrected histogram, raising its p99, while the raw median barely moves.
 */
public final class UserMeter {
    /** Expected intervals below this are raised to it, so a burst of tiny latencies cannot flood the histogram. */
    public static final long MIN_EXPECTED_INTERVAL_US = 100;

    private final LatencyStripe stripe;
    private final UserCounters counters;
    private final long thinkMicros;
    private final long paceMicros;
    private long samples;
    private long latencySumMicros;

    /**
     * @param stripe      where this user's latencies go (its loop's stripe, or its share of the pool)
     * @param counters    this user's counters
     * @param thinkMicros the user's mean think time per transaction (the mean of a range, averaged over its
     *                    iteration when transactions set their own)
     * @param paceMicros  the minimum interval between this user's request starts (0 without a cap)
     */
    public UserMeter(LatencyStripe stripe, UserCounters counters, long thinkMicros, long paceMicros) {
        this.stripe = stripe;
        this.counters = counters;
        this.thinkMicros = thinkMicros;
        this.paceMicros = paceMicros;
    }

    public UserCounters counters() {
        return counters;
    }

    /**
     * Records one completed request of the user's transaction {@code t} (local index within its scenario).
     *
     * @param latencyNanos monotonic time from just before {@code send} to just after it returned
     */
    public void record(int t, RequestSpec request, RequestOutcome outcome, long latencyNanos) {
        ErrorKind failure = outcome.error();
        if (failure == null && !request.isSuccess(outcome.status())) {
            failure = ErrorKind.UNEXPECTED_STATUS;
        }
        record(t, outcome, failure, outcome.detail(), latencyNanos);
    }

    /**
     * Records one completed request whose fate the caller has judged.
     *
     * @param failure      why it failed (the transport's error, {@link ErrorKind#UNEXPECTED_STATUS}, a failed
     *                     check or extractor), or null for a success
     * @param detail       the failure's description for the error samples (null: none)
     * @param latencyNanos monotonic time from just before {@code send} to just after it returned
     */
    public void record(int t, RequestOutcome outcome, ErrorKind failure, String detail, long latencyNanos) {
        long micros = LatencyRecorders.clampMicros((latencyNanos + 500) / 1000);
        int slot = counters.slotBase() + t;
        long expected = 0;
        if (samples > 0) {
            expected = LatencyRecorders.clampMicros(Math.max(MIN_EXPECTED_INTERVAL_US,
                    Math.max(thinkMicros + latencySumMicros / samples, paceMicros)));
        }
        stripe.record(slot, failure != null, micros, expected);
        if (outcome.shookHands()) {
            stripe.recordHandshake(LatencyRecorders.clampMicros((outcome.tlsHandshakeNanos() + 500) / 1000));
        }
        samples++;
        latencySumMicros += micros;

        counters.add(t, UserCounters.REQUESTS, 1);
        counters.add(t, UserCounters.BYTES_SENT, Math.max(0, outcome.bytesSent()));
        counters.add(t, UserCounters.BYTES_RECEIVED, Math.max(0, outcome.bytesReceived()));
        if (outcome.error() == null) {
            counters.addStatus(t, outcome.status());
        }
        if (failure != null) {
            counters.add(t, UserCounters.FAILURES, 1);
            counters.add(t, UserCounters.ERRORS + failure.ordinal(), 1);
            counters.addErrorSample(t, failure, detail, outcome.status());
        }
        int closed = outcome.closedAttempts();
        if (closed > 0) {
            counters.add(t, UserCounters.REQUESTS, closed);
            counters.add(t, UserCounters.FAILURES, closed);
            counters.add(t, UserCounters.ERRORS + ErrorKind.CONNECTION_CLOSED.ordinal(), closed);
        }
    }
}
