// The transport alone, without the engine: N virtual threads, each with its own keep-alive connection, send
// GET / back to back for a fixed time. Compares the lean transport with httpcore5's own classic connection
// (DefaultBHttpClientConnection + HttpRequestExecutor, one per user), which is what the lean transport was
// measured against before its own codec was written. Prints requests/s, process CPU per request and heap
// bytes allocated per request (com.sun.management.ThreadMXBean, all threads; virtual threads allocate on
// their carriers, which it counts).
//
// Run by bench/transport-duel.sh, which puts the classes on the class path:
//   java -cp CLASSPATH bench/TransportDuel.java lean|httpcore URL USERS SECONDS
import io.maid.goose.adapter.driver.lean.LeanTransport;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SessionOptions;
import io.maid.goose.ports.out.TransportSession;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.http.protocol.HttpProcessor;
import org.apache.hc.core5.http.protocol.HttpProcessorBuilder;
import org.apache.hc.core5.http.protocol.RequestConnControl;
import org.apache.hc.core5.http.protocol.RequestContent;
import org.apache.hc.core5.http.protocol.RequestTargetHost;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

public class TransportDuel {
    interface User {
        boolean sendOne() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        URI url = URI.create(args[1]);
        int users = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);

        phase(mode, url, users, 3, false);          // warm-up: JIT, connections, TLABs
        phase(mode, url, users, seconds, true);
    }

    static void phase(String mode, URI url, int users, int seconds, boolean print) throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        LeanTransport lean = new LeanTransport();
        List<Thread> running = new ArrayList<>();
        long cpu0 = os.getProcessCpuTime();
        long alloc0 = threads.getTotalThreadAllocatedBytes();
        long t0 = System.nanoTime();
        for (int u = 0; u < users; u++) {
            User user = mode.equals("lean") ? leanUser(lean, url, u) : httpcoreUser(url);
            running.add(Thread.ofVirtual().start(() -> {
                try {
                    while (!stop.get()) {
                        (user.sendOne() ? ok : failed).increment();
                    }
                } catch (Exception e) {
                    failed.increment();
                    System.err.println(mode + ": " + e);
                }
            }));
        }
        Thread.sleep(Duration.ofSeconds(seconds));
        stop.set(true);
        for (Thread t : running) {
            t.join();
        }
        long elapsed = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        long alloc = threads.getTotalThreadAllocatedBytes() - alloc0;
        lean.close();
        long n = ok.sum();
        if (print) {
            System.out.printf("%-9s users=%d seconds=%d requests=%d failed=%d req/s=%.0f cpu_us/req=%.1f alloc_B/req=%.0f%n",
                    mode, users, seconds, n, failed.sum(), n / (elapsed / 1e9), cpu / 1e3 / Math.max(1, n),
                    (double) alloc / Math.max(1, n));
        }
    }

    static User leanUser(LeanTransport transport, URI url, int index) {
        TransportSession session = transport.openSession(new SessionOptions(url, Duration.ofSeconds(10), TlsSpec.defaults(), index));
        RequestSpec get = RequestSpec.of(HttpMethod.GET, "/");
        return () -> {
            RequestOutcome outcome = session.send(get);
            return outcome.error() == null && outcome.status() == 200;
        };
    }

    static User httpcoreUser(URI url) throws Exception {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 10_000);
        socket.setSoTimeout(10_000);
        DefaultBHttpClientConnection connection = new DefaultBHttpClientConnection(Http1Config.DEFAULT);
        connection.bind(socket);
        HttpRequestExecutor executor = new HttpRequestExecutor();
        HttpProcessor processor = HttpProcessorBuilder.create()
                .add(new RequestContent()).add(new RequestTargetHost()).add(new RequestConnControl()).build();
        HttpHost host = new HttpHost(url.getScheme(), url.getHost(), url.getPort());
        return () -> {
            BasicClassicHttpRequest request = new BasicClassicHttpRequest("GET", host, "/");
            HttpCoreContext context = HttpCoreContext.create();
            executor.preProcess(request, processor, context);
            try (ClassicHttpResponse response = executor.execute(request, connection, context)) {
                executor.postProcess(response, processor, context);
                EntityUtils.consume(response.getEntity());
                return response.getCode() == 200;
            }
        };
    }
}
