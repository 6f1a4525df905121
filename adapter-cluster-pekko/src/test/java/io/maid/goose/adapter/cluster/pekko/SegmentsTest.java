package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.flow.DataFeeder;
import io.maid.goose.domain.flow.FeedSource;
import io.maid.goose.domain.flow.FeedStrategy;
import io.maid.goose.ports.in.InvalidRunConfigException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SegmentsTest {
    private static RunConfig.Builder base(int users, double hatch) {
        return RunConfig.builder("http://127.0.0.1:8080").users(users).hatchRate(hatch).get("home", "/");
    }

    @Test
    void userIRunsOnWorkerIModN() {
        List<RunConfig> segments = Segments.split(base(10, 5).build(), 3);

        assertEquals(List.of(4, 3, 3), segments.stream().map(RunConfig::users).toList());
    }

    @Test
    void theHatchRateIsSplitInProportionToTheUsers() {
        List<RunConfig> segments = Segments.split(base(10, 5).build(), 3);

        assertEquals(List.of(2.0, 1.5, 1.5), segments.stream().map(RunConfig::hatchRate).toList());
    }

    @Test
    void theThroughputCapIsSplitInProportionToTheUsers() {
        List<RunConfig> segments = Segments.split(base(4, 4).throughputCapRps(100.0).build(), 4);

        assertEquals(List.of(25.0, 25.0, 25.0, 25.0), segments.stream().map(RunConfig::throughputCapRps).toList());
    }

    @Test
    void aUniqueFeedersRowsArePartitionedSoNoRowIsUsedTwice() {
        DataFeeder.Builder accounts = DataFeeder.builder("accounts").columns("user").strategy(FeedStrategy.UNIQUE);
        for (int i = 0; i < 7; i++) {
            accounts.row("u" + i);
        }
        List<RunConfig> segments = Segments.split(base(6, 6).data(accounts.build()).build(), 3);

        List<String> all = new ArrayList<>();
        for (RunConfig s : segments) {
            ((FeedSource.Rows) s.data().get(0).source()).rows().forEach(r -> all.add(r.get(0)));
        }
        assertEquals(7, all.size());
        assertEquals(7, new HashSet<>(all).size());
        assertEquals(List.of("u0", "u3", "u6"), ((FeedSource.Rows) segments.get(0).data().get(0).source()).rows().stream()
                .map(r -> r.get(0)).toList());
    }

    @Test
    void aCircularFeederGoesWholeToEveryWorker() {
        DataFeeder terms = DataFeeder.builder("terms").columns("q").row("a").row("b").build();
        List<RunConfig> segments = Segments.split(base(4, 4).data(terms).build(), 2);

        assertEquals(List.of(terms, terms), List.of(segments.get(0).data().get(0), segments.get(1).data().get(0)));
    }

    @Test
    void aSegmentRunsAsALocalRun() {
        RunConfig config = base(4, 4).distribution(io.maid.goose.domain.Distribution.workers(2)).build();

        assertNull(Segments.split(config, 2).get(1).distribution());
    }

    @Test
    void aUniqueFeederWithFewerRowsThanWorkersIsRefusedAtItsPointer() {
        DataFeeder one = DataFeeder.builder("accounts").columns("user").row("only").strategy(FeedStrategy.UNIQUE).build();

        InvalidRunConfigException e = assertThrows(InvalidRunConfigException.class,
                () -> Segments.split(base(4, 4).data(one).build(), 2));
        assertEquals("/data/0/rows", e.violations().get(0).pointer());
    }

    @Test
    void moreWorkersThanUsersIsRefused() {
        InvalidRunConfigException e = assertThrows(InvalidRunConfigException.class, () -> Segments.split(base(2, 2).build(), 3));

        assertEquals("/distribution/workers", e.violations().get(0).pointer());
    }
}
