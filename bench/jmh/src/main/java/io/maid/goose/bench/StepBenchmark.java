package io.maid.goose.bench;

import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.flow.DataFeeder;
import io.maid.goose.engine.SystemClock;
import io.maid.goose.engine.flow.FlowPlan;
import io.maid.goose.engine.flow.StepRunner;
import io.maid.goose.engine.flow.TransactionPlan;
import io.maid.goose.engine.flow.UserFlow;
import io.maid.goose.engine.metrics.LatencyRecorders;
import io.maid.goose.engine.metrics.RunLayout;
import io.maid.goose.engine.metrics.UserCounters;
import io.maid.goose.engine.metrics.UserMeter;
import io.maid.goose.ports.out.RequestOutcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engine's side of one request of a user, without the transport: the flow's next transaction, the step
 * runner's prepare (feeder row, render), the send options, judging and recording the outcome, the pause.
 *
 * <p>{@code step}: {@code constant} is a constant transaction without checks (the pre-built request, sent as
 * the same object with {@code SendOptions.STATIC}: the fast path, expected 0 B/op); {@code templated} takes a
 * feeder row and renders a path value and a header; {@code templated-checked} also judges a status check and
 * a body check on a 64-byte captured body (the outcome is made once: the transport's capture is not measured).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class StepBenchmark {
    @State(Scope.Thread)
    public static class User {
        @Param({"constant", "templated", "templated-checked"})
        String step;

        UserFlow flow;
        StepRunner runner;
        RequestOutcome outcome;

        @Setup(Level.Trial)
        public void setUp() {
            Transaction t = switch (step) {
                case "constant" -> Transaction.builder("page").get("/page").header("Accept", "text/html").build();
                case "templated" -> Transaction.builder("item").get("/items/{{ids.id}}").feed("ids")
                        .header("Authorization", "Bearer {{ids.token}}").build();
                default -> Transaction.builder("item").get("/items/{{ids.id}}").feed("ids")
                        .header("Authorization", "Bearer {{ids.token}}").checkStatus(200).checkBodyContains("results").build();
            };
            RunConfig config = RunConfig.builder("http://127.0.0.1:9").scenario(new Scenario("s", 1, List.of(t)))
                    .data(DataFeeder.builder("ids").columns("id", "token").row("7", "t-123").row("8", "t-456").build())
                    .build();
            RunLayout layout = new RunLayout(config.scenarios());
            FlowPlan plan = FlowPlan.of(config, layout, null, "run-1", new SystemClock(), 1, f -> { });
            UserMeter meter = new UserMeter(LatencyRecorders.singleWriter(layout.slotCount()).stripe(0),
                    new UserCounters(0, layout.transactionCount(0), plan.countersFor(0)), 0, 0);
            FlowPlan.UserPart part = plan.userPart(0, 0, meter);
            flow = part.flow();
            runner = part.runner();
            outcome = RequestOutcome.response(200, 80, 160);
            if (step.equals("templated-checked")) {
                outcome = outcome.withResponse(new io.maid.goose.ports.out.CapturedResponse(List.of(),
                        "<html><body><p>3 results for your query</p></body></html>\n".getBytes(), false));
            }
        }
    }

    @Benchmark
    public boolean oneRequest(User user, Blackhole bh) {
        TransactionPlan t = user.flow.next(false);
        RequestSpec request = user.runner.prepare(t);
        bh.consume(request);
        bh.consume(user.runner.options(t));
        boolean failed = user.runner.complete(t, user.outcome, 300_000);
        user.flow.after(t, true, failed);
        return failed;
    }
}
