// The engine with a transport, in one JVM, without the CLI, the reports or the service: a closed-model run
// (think time 0 by default) against a target, printing the maintain phase's throughput and the process CPU
// spent in it. Used to profile the request path (engine + transport + metrics recording) in isolation.
//
// Run by bench/engine-probe.sh, which puts the classes on the class path:
//   java -cp CLASSPATH bench/EngineProbe.java lean|lean-threads|httpclient5 URL USERS MAINTAIN_SECONDS [THINK_SECONDS] [HATCH_PER_S]
// lean runs the users on event loops: PROBE_LOOPS of them (default half the cores, at least one).
import io.maid.goose.adapter.driver.lean.LeanLoopTransport;
import io.maid.goose.adapter.driver.lean.LoopTlsProvider;
import io.maid.goose.adapter.driver.lean.LeanTransport;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.PhaseChange;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.engine.GooseEngine;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.ports.out.LoadTransport;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

public class EngineProbe {
    public static void main(String[] args) throws Exception {
        String kind = args[0];
        String url = args[1];
        int users = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        double think = args.length > 4 ? Double.parseDouble(args[4]) : 0;
        double hatch = args.length > 5 ? Double.parseDouble(args[5]) : Math.max(1, users * 2.0);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        AtomicLong cpuAtMaintain = new AtomicLong();
        AtomicLong cpuAtDecrease = new AtomicLong();
        AtomicLong allocAtMaintain = new AtomicLong();
        AtomicLong allocAtDecrease = new AtomicLong();
        AtomicLong loopAllocAtMaintain = new AtomicLong();
        AtomicLong loopAllocAtDecrease = new AtomicLong();
        long[] maintain = new long[1];
        double[] maintainSeconds = new double[1];
        String loops = System.getenv("PROBE_LOOPS");
        String tlsProvider = System.getenv().getOrDefault("PROBE_TLS_PROVIDER", "auto");
        LoadTransport transport = switch (kind) {
            case "lean" -> new LeanLoopTransport(loops == null || loops.isBlank()
                    ? Math.max(1, Runtime.getRuntime().availableProcessors() / 2) : Integer.parseInt(loops),
                    LoopTlsProvider.named(tlsProvider));
            case "lean-threads" -> new LeanTransport();
            default -> (LoadTransport) Class.forName("io.maid.goose.adapter.driver.httpclient5.HttpClient5Transport")
                    .getConstructor(int.class).newInstance(users);
        };
        GooseEngine engine = GooseEngine.builder().transport(transport).eventSink(event -> {
            if (event instanceof PhaseChange p && p.to() == RunPhase.MAINTAIN) {
                cpuAtMaintain.set(os.getProcessCpuTime());
                allocAtMaintain.set(threads.getTotalThreadAllocatedBytes());
                loopAllocAtMaintain.set(loopAllocated(threads));
            } else if (event instanceof PhaseChange p && p.from() == RunPhase.MAINTAIN) {
                cpuAtDecrease.set(os.getProcessCpuTime());
                allocAtDecrease.set(threads.getTotalThreadAllocatedBytes());
                loopAllocAtDecrease.set(loopAllocated(threads));
            } else if (event instanceof MetricsSnapshot m && m.phase() == RunPhase.MAINTAIN) {
                maintain[0] += m.requests();
                maintainSeconds[0] += m.intervalSeconds();
            }
        }).build();
        RunConfig config = RunConfig.builder(url).users(users).hatchRate(hatch)
                .durationSeconds(seconds).thinkTimeSeconds(think).requestTimeoutSeconds(30).get("root", "/")
                .tls(System.getenv("PROBE_CA") == null ? TlsSpec.defaults() : new TlsSpec(true, System.getenv("PROBE_CA")))
                .build();
        RunSummary summary = engine.start(StartRunCommand.of(config)).await();
        transport.close();
        double cpuSeconds = (cpuAtDecrease.get() - cpuAtMaintain.get()) / 1e9;
        long maintainRequests = maintain[0];
        System.out.printf("engine+%s users=%d total_requests=%d failures=%d maintain_requests=%d maintain_s=%.2f "
                        + "maintain_req/s=%.0f maintain_cpu_us/req=%.1f maintain_alloc_B/req=%.0f (loop threads %.0f, the others %.0f KB/s) "
                        + "p50_ms=%.3f p99_ms=%.3f%n",
                kind, users, summary.total().count(), summary.total().failures(), maintainRequests, maintainSeconds[0],
                maintainRequests / maintainSeconds[0], cpuSeconds * 1e6 / Math.max(1, maintainRequests),
                (double) (allocAtDecrease.get() - allocAtMaintain.get()) / Math.max(1, maintainRequests),
                (double) (loopAllocAtDecrease.get() - loopAllocAtMaintain.get()) / Math.max(1, maintainRequests),
                ((allocAtDecrease.get() - allocAtMaintain.get()) - (loopAllocAtDecrease.get() - loopAllocAtMaintain.get()))
                        / 1024.0 / Math.max(1e-9, maintainSeconds[0]),
                summary.total().latency().p50Ms(), summary.total().latency().p99Ms());
    }

    /** Bytes the event loops' threads have allocated so far (the per-request path; everything else is per second). */
    private static long loopAllocated(com.sun.management.ThreadMXBean threads) {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("goose-lean-loop")) {
                sum += threads.getThreadAllocatedBytes(t.threadId());
            }
        }
        return sum;
    }
}
