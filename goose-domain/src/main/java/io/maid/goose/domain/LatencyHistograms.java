package io.maid.goose.domain;

/**
 * A run's total latency histograms, each in microseconds as base64 of HdrHistogram's compressed encoding
 * ({@code Histogram.decodeFromCompressedByteBuffer} reads it back), so runs can be merged and compared
 * later. Same split as {@link StatsRow}: {@code all} holds exactly the samples of {@code ok} and
 * {@code failed} together.
 *
 * @param ok        raw latency of the requests that succeeded
 * @param failed    raw latency of the requests that failed (abandoned ones have no latency)
 * @param all       raw latency of every request
 * @param corrected latency of every request, corrected for coordinated omission
 */
public record LatencyHistograms(String ok, String failed, String all, String corrected) {
}
