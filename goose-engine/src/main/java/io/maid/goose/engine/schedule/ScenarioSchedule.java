package io.maid.goose.engine.schedule;

import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.SchedulerKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Assigns a scenario to every virtual user, the way Goose's schedulers do.
 *
 * <p>The scenario weights are first divided by their greatest common divisor (4:2 behaves exactly like
 * 2:1). That gives each scenario a number of <em>weighted copies</em>, which are laid out in a sequence:
 * <ul>
 *   <li>{@link SchedulerKind#ROUND_ROBIN}: one copy of each scenario in turn, skipping scenarios whose
 *       copies have run out (2:1 gives A,B,A; 3:1 gives A,B,A,A);</li>
 *   <li>{@link SchedulerKind#SERIAL}: every copy of the first scenario, then of the next (2:1 gives A,A,B);</li>
 *   <li>{@link SchedulerKind#RANDOM}: the serial sequence shuffled with {@code new Random(seed)}, so the
 *       same seed always gives the same assignment.</li>
 * </ul>
 * User {@code i} (0-based, in launch order) runs {@code sequence[i % sequence length]}.
 *
 * <p>Only as much of the sequence as the users can reach is built (at most {@code users} entries), so
 * large weights cost nothing. Immutable and thread-safe.
 */
public final class ScenarioSchedule {
    private final int[] sequence;
    private final long fullLength;

    private ScenarioSchedule(int[] sequence, long fullLength) {
        this.sequence = sequence;
        this.fullLength = fullLength;
    }

    /**
     * @param scenarios the run's scenarios with their weights
     * @param kind      which scheduler
     * @param seed      the shuffle seed; used by {@link SchedulerKind#RANDOM} only
     * @param users     how many users will ask (bounds the work done)
     */
    public static ScenarioSchedule of(List<Scenario> scenarios, SchedulerKind kind, long seed, int users) {
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("at least one scenario is needed");
        }
        long[] copies = reducedWeights(scenarios);
        long fullLength = 0;
        for (long c : copies) {
            fullLength += c;
        }
        int reach = (int) Math.min(fullLength, Math.max(1, users));
        int[] sequence = switch (kind) {
            case ROUND_ROBIN -> roundRobin(copies, reach);
            case SERIAL -> serial(copies, reach);
            case RANDOM -> shuffledPrefix(copies, fullLength, reach, seed);
        };
        return new ScenarioSchedule(sequence, fullLength);
    }

    /**
     * The scenario index for user {@code userIndex}. The stored prefix is either the whole sequence or at
     * least {@code users} long, so the modulo is the sequence's own.
     */
    public int scenarioFor(int userIndex) {
        return sequence[userIndex % sequence.length];
    }

    /** How many weighted copies the whole sequence has (after GCD reduction). */
    public long fullLength() {
        return fullLength;
    }

    /** The reachable part of the sequence: scenario indexes, in the order users take them. */
    public List<Integer> sequence() {
        List<Integer> out = new ArrayList<>(sequence.length);
        for (int s : sequence) {
            out.add(s);
        }
        return List.copyOf(out);
    }

    /** The weights divided by their greatest common divisor. */
    static long[] reducedWeights(List<Scenario> scenarios) {
        long gcd = 0;
        for (Scenario s : scenarios) {
            gcd = gcd(gcd, s.weight());
        }
        long[] copies = new long[scenarios.size()];
        for (int i = 0; i < copies.length; i++) {
            copies[i] = scenarios.get(i).weight() / gcd;
        }
        return copies;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static int[] roundRobin(long[] copies, int reach) {
        int[] out = new int[reach];
        int n = 0;
        List<Integer> remaining = new ArrayList<>();
        for (int s = 0; s < copies.length; s++) {
            remaining.add(s);
        }
        for (long round = 0; n < reach; round++) {
            List<Integer> next = new ArrayList<>(remaining.size());
            for (int s : remaining) {
                if (n == reach) {
                    break;
                }
                out[n++] = s;
                if (copies[s] > round + 1) {
                    next.add(s);
                }
            }
            remaining = next;
        }
        return out;
    }

    private static int[] serial(long[] copies, int reach) {
        int[] out = new int[reach];
        int n = 0;
        for (int s = 0; s < copies.length && n < reach; s++) {
            for (long c = 0; c < copies[s] && n < reach; c++) {
                out[n++] = s;
            }
        }
        return out;
    }

    /**
     * The first {@code reach} entries of a Fisher–Yates shuffle of the serial sequence. Positions not yet
     * touched hold their serial value implicitly, so a sequence of millions of copies costs only
     * {@code reach} steps.
     */
    private static int[] shuffledPrefix(long[] copies, long fullLength, int reach, long seed) {
        long[] serialEnds = new long[copies.length];
        long end = 0;
        for (int s = 0; s < copies.length; s++) {
            end += copies[s];
            serialEnds[s] = end;
        }
        Random random = new Random(seed);
        Map<Long, Integer> moved = new HashMap<>();
        int[] out = new int[reach];
        for (int i = 0; i < reach; i++) {
            long j = i + random.nextLong(fullLength - i);
            int atI = moved.containsKey((long) i) ? moved.get((long) i) : serialValue(serialEnds, i);
            int atJ = moved.containsKey(j) ? moved.get(j) : serialValue(serialEnds, j);
            out[i] = atJ;
            moved.put(j, atI);
            moved.remove((long) i);
        }
        return out;
    }

    private static int serialValue(long[] serialEnds, long position) {
        int lo = 0;
        int hi = serialEnds.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (serialEnds[mid] > position) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
