package io.maid.goose.adapter.system.oshi;

import io.maid.goose.ports.out.SystemProbe;
import io.maid.goose.ports.out.SystemSample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link SystemProbe} reading the load generator's host through OSHI (on Linux: {@code /proc/stat},
 * {@code /proc/meminfo} and {@code /sys/class/net}).
 *
 * <p><b>Guarantees.</b>
 * <ul>
 *   <li>{@code cpuPercent} is the share of all CPUs' time spent not idle (idle and I/O wait count as idle)
 *       since the previous sample, 0..100. When no CPU time has been accounted since then (two samples within
 *       one scheduler tick) the previous reading is repeated; before any reading exists it is -1.</li>
 *   <li>{@code ramPercent} is {@code (total - available) / total}, 0..100.</li>
 *   <li>{@code netBytesReceived} / {@code netBytesSent} are cumulative and never decrease. They sum
 *       <em>every</em> interface, loopback included, because load tests against a target on the same host go
 *       through {@code lo} and would otherwise show no traffic at all; for a remote target, loopback traffic
 *       of other local processes is counted too. Each interface contributes what it moved while this probe
 *       watched it (plus its counters at construction), so interfaces appearing, disappearing or resetting
 *       their counters never make the totals jump backwards or by a whole counter.</li>
 *   <li>{@link #sample()} never throws: a figure that cannot be read is -1, and the others are still
 *       returned. On a platform OSHI does not support every figure is -1.</li>
 * </ul>
 *
 * <p>Cost: a few file reads and one interface enumeration per call; meant to be called about once a second,
 * off the request path. Thread-safe (calls are serialised).
 */
public final class OshiSystemProbe implements SystemProbe {
    private static final Logger LOG = LoggerFactory.getLogger(OshiSystemProbe.class);

    private final HardwareAbstractionLayer hardware;
    private long[] previousTicks;
    private double lastCpuPercent = -1;
    private final Map<String, long[]> lastCounters = new HashMap<>();
    private long totalReceived = -1;
    private long totalSent = -1;
    private boolean warned;

    public OshiSystemProbe() {
        HardwareAbstractionLayer hal = null;
        try {
            hal = new SystemInfo().getHardware();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("host metrics unavailable, OSHI does not support this platform: {}", e.toString());
        }
        this.hardware = hal;
        if (hal != null) {
            previousTicks = readTicks();
            readNetwork();
        }
    }

    @Override
    public synchronized SystemSample sample() {
        if (hardware == null) {
            return SystemSample.UNKNOWN;
        }
        double cpu = readCpu();
        double ram = readRam();
        boolean network = readNetwork();
        return new SystemSample(cpu, ram, network ? totalReceived : -1, network ? totalSent : -1);
    }

    private double readCpu() {
        try {
            CentralProcessor processor = hardware.getProcessor();
            long[] ticks = processor.getSystemCpuLoadTicks();
            if (previousTicks == null || previousTicks.length != ticks.length) {
                previousTicks = ticks;
                return lastCpuPercent;
            }
            long elapsed = 0;
            for (int i = 0; i < ticks.length; i++) {
                elapsed += ticks[i] - previousTicks[i];
            }
            if (elapsed > 0) {
                lastCpuPercent = clampPercent(processor.getSystemCpuLoadBetweenTicks(previousTicks, ticks) * 100.0);
                previousTicks = ticks;
            }
            return lastCpuPercent;
        } catch (RuntimeException | LinkageError e) {
            warnOnce("CPU", e);
            return -1;
        }
    }

    private long[] readTicks() {
        try {
            return hardware.getProcessor().getSystemCpuLoadTicks();
        } catch (RuntimeException | LinkageError e) {
            warnOnce("CPU", e);
            return null;
        }
    }

    private double readRam() {
        try {
            GlobalMemory memory = hardware.getMemory();
            long total = memory.getTotal();
            if (total <= 0) {
                return -1;
            }
            return clampPercent(100.0 * (total - memory.getAvailable()) / total);
        } catch (RuntimeException | LinkageError e) {
            warnOnce("RAM", e);
            return -1;
        }
    }

    /** Folds the interfaces' current counters into the running totals; false if they cannot be read. */
    private boolean readNetwork() {
        try {
            List<NetworkIF> interfaces = hardware.getNetworkIFs(true);
            Set<String> seen = new HashSet<>();
            long received = Math.max(0, totalReceived);
            long sent = Math.max(0, totalSent);
            boolean first = totalReceived < 0;
            for (NetworkIF nic : interfaces) {
                String name = nic.getName();
                long rx = nic.getBytesRecv();
                long tx = nic.getBytesSent();
                seen.add(name);
                long[] last = lastCounters.get(name);
                if (first) {
                    received += rx;
                    sent += tx;
                } else if (last != null) {
                    // A smaller value means the counter was reset or wrapped: count nothing, restart from it.
                    received += Math.max(0, rx - last[0]);
                    sent += Math.max(0, tx - last[1]);
                }
                lastCounters.put(name, new long[] {rx, tx});
            }
            lastCounters.keySet().retainAll(seen);
            totalReceived = received;
            totalSent = sent;
            return true;
        } catch (RuntimeException | LinkageError e) {
            warnOnce("network", e);
            return false;
        }
    }

    private static double clampPercent(double value) {
        if (Double.isNaN(value)) {
            return -1;
        }
        return Math.min(100.0, Math.max(0.0, value));
    }

    private void warnOnce(String what, Throwable e) {
        if (!warned) {
            warned = true;
            LOG.warn("could not read host {} figures, reporting them as unknown: {}", what, e.toString());
        }
    }
}
