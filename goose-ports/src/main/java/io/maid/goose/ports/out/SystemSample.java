package io.maid.goose.ports.out;

/**
 * The host's load right now.
 *
 * @param cpuPercent       CPU used since the previous sample, 0..100, or -1 if unknown
 * @param ramPercent       memory in use, 0..100, or -1 if unknown
 * @param netBytesReceived cumulative bytes received on all NICs, or -1 if unknown
 * @param netBytesSent     cumulative bytes sent on all NICs, or -1 if unknown
 */
public record SystemSample(double cpuPercent, double ramPercent, long netBytesReceived, long netBytesSent) {
    public static final SystemSample UNKNOWN = new SystemSample(-1, -1, -1, -1);
}
