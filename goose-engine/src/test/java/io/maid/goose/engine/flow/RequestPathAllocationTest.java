package io.maid.goose.engine.flow;

import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.flow.DataFeeder;
import io.maid.goose.engine.metrics.LatencyRecorders;
import io.maid.goose.engine.metrics.RunLayout;
import io.maid.goose.engine.metrics.UserCounters;
import io.maid.goose.engine.metrics.UserMeter;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SendOptions;
import io.maid.goose.testkit.ManualClock;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the engine allocates per request on the user's side of the send: next transaction, prepare, send
 * options, judge and record, pause. A constant transaction allocates nothing (its request is the one built
 * when the run started); a templated one allocates its rendered request, which is what it costs.
 */
class RequestPathAllocationTest {
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 200_000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static final class User {
        final UserFlow flow;
        final StepRunner runner;
        final RequestOutcome ok = RequestOutcome.response(200, 80, 160);
        RequestSpec last;
        SendOptions options;

        User(Transaction t) {
            RunConfig config = RunConfig.builder("http://127.0.0.1:9").scenario(new Scenario("s", 1, List.of(t)))
                    .data(DataFeeder.builder("ids").columns("id", "token").row("7", "t-123").build()).build();
            RunLayout layout = new RunLayout(config.scenarios());
            FlowPlan plan = FlowPlan.of(config, layout, null, "run-1", new ManualClock(), 1, f -> { });
            UserMeter meter = new UserMeter(LatencyRecorders.singleWriter(layout.slotCount()).stripe(0),
                    new UserCounters(0, layout.transactionCount(0), plan.countersFor(0)), 0, 0);
            FlowPlan.UserPart part = plan.userPart(0, 0, meter);
            flow = part.flow();
            runner = part.runner();
        }

        void oneRequest() {
            TransactionPlan t = flow.next(false);
            last = runner.prepare(t);
            options = runner.options(t);
            boolean failed = runner.complete(t, ok, 300_000);
            flow.after(t, true, failed);
        }

        /** Bytes this thread allocated per request, over {@link #MEASURED} requests after a warm-up. */
        double bytesPerRequest() {
            for (int i = 0; i < WARM_UP; i++) {
                oneRequest();
            }
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MEASURED; i++) {
                oneRequest();
            }
            return (double) (THREADS.getCurrentThreadAllocatedBytes() - before) / MEASURED;
        }
    }

    @Test
    void aConstantTransactionAllocatesNothingPerRequest() {
        User user = new User(Transaction.builder("page").get("/page").header("Accept", "text/html").build());
        double bytes = user.bytesPerRequest();
        System.out.printf("constant transaction: %.3f B/request on the engine's side%n", bytes);
        assertTrue(bytes < 0.01, bytes + " B/request");
        RequestSpec first = user.last;
        user.oneRequest();
        assertSame(first, user.last, "the one request built at the start, every time");
        assertSame(SendOptions.STATIC, user.options);
    }

    @Test
    void aTemplatedTransactionAllocatesOnlyItsRenderedRequest() {
        User user = new User(Transaction.builder("item").get("/items/{{ids.id}}").feed("ids")
                .header("Authorization", "Bearer {{ids.token}}").build());
        double bytes = user.bytesPerRequest();
        System.out.printf("templated transaction (feeder row, path + header): %.1f B/request on the engine's side%n", bytes);
        assertTrue(bytes > 0 && bytes < 1024, bytes + " B/request");
        assertTrue(!user.options.reusable());
    }
}
