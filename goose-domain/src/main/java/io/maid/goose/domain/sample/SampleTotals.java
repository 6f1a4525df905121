package io.maid.goose.domain.sample;

import io.maid.goose.domain.LatencyHistograms;
import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.domain.TlsHandshakeStats;

import java.util.List;

/**
 * Run totals reduced from an accumulated {@link IntervalSample}: the statistics tables a report shows.
 *
 * @param requests     one row per request key
 * @param transactions one row per transaction
 * @param scenarios    one row per scenario
 * @param total        every request
 * @param histograms   the total histograms, encoded
 * @param tlsHandshakes TLS handshakes over the run (0 over plain HTTP)
 * @param tlsHandshake  their times
 */
public record SampleTotals(List<StatsRow> requests, List<StatsRow> transactions, List<StatsRow> scenarios,
                           StatsRow total, LatencyHistograms histograms, long tlsHandshakes,
                           LatencyStats tlsHandshake) {
    public SampleTotals {
        requests = List.copyOf(requests);
        transactions = List.copyOf(transactions);
        scenarios = List.copyOf(scenarios);
    }

    /** The handshakes as a run summary carries them. */
    public TlsHandshakeStats handshakes() {
        return tlsHandshakes == 0 ? TlsHandshakeStats.NONE : new TlsHandshakeStats(tlsHandshakes, tlsHandshake);
    }
}
