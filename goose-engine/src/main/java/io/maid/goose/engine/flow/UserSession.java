package io.maid.goose.engine.flow;

import io.maid.goose.domain.flow.TemplateScope;
import io.maid.goose.ports.out.Clock;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * One virtual user's session: the string variables its extractors and feeders set, kept for the user's
 * whole life (across iterations), and the values of the template built-ins. Transports never see it.
 *
 * <p>Built-ins: {@code $user} is the user's 0-based index, {@code $iteration} the number of iterations it has
 * completed, {@code $run_id} the run's id, {@code $timestamp_ms} the engine clock's wall time, and
 * {@code $uuid} and {@code $random_int(A,B)} come from the user's own random generator, which also draws its
 * think times and its rows of {@code random} feeders. That generator is seeded from the run's seed and the
 * user's index, so a run with a given engine seed repeats its draws.
 *
 * <p>Owned by its user: used only on the user's thread or event loop, never shared, not thread-safe.
 */
public final class UserSession implements TemplateScope {
    private final int userIndex;
    private final String runId;
    private final Clock clock;
    private final SplittableRandom random;
    private final Map<String, String> variables = new HashMap<>();
    private long iteration;

    /**
     * @param userIndex the user's 0-based index
     * @param runId     the run's id
     * @param clock     the engine's clock ({@code $timestamp_ms} is its wall time)
     * @param seed      the run's seed; the user's generator is derived from it and {@code userIndex}
     */
    public UserSession(int userIndex, String runId, Clock clock, long seed) {
        this.userIndex = userIndex;
        this.runId = runId;
        this.clock = clock;
        this.random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (userIndex + 1L)));
    }

    @Override
    public String variable(String name) {
        return variables.get(name);
    }

    /** Sets (or replaces) a variable. */
    public void set(String name, String value) {
        variables.put(name, value);
    }

    @Override
    public long userIndex() {
        return userIndex;
    }

    @Override
    public long iteration() {
        return iteration;
    }

    /** The user finished (or restarted) an iteration. */
    void iterationEnded() {
        iteration++;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public String uuid() {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & ~(0xC0L << 56)) | (0x80L << 56);
        return new UUID(msb, lsb).toString();
    }

    @Override
    public long randomInt(long min, long max) {
        // Template bounds have at most 18 digits, so max + 1 cannot overflow.
        return random.nextLong(min, max + 1);
    }

    @Override
    public long timestampMs() {
        return clock.wallTime().toEpochMilli();
    }

    /** A uniform draw in {@code [0, 1)}, for think-time ranges. */
    double nextUnit() {
        return random.nextDouble();
    }

    /** A uniform index in {@code [0, bound)}, for {@code random} feeders. */
    int nextIndex(int bound) {
        return random.nextInt(bound);
    }
}
