package io.maid.goose.testkit;

import io.maid.goose.domain.Distribution;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.ports.out.RunConfigCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.maid.goose.testkit.ConfigDocuments.pointers;
import static io.maid.goose.testkit.ConfigDocuments.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link RunConfigCodec} does with a run's {@code "distribution"}: it survives a round trip, its
 * absence stays absent (every joined worker), and each broken rule is a violation at its own pointer.
 */
public abstract class DistributionCodecContract {
    private static final String BASE = """
            {"target_base_url": "http://127.0.0.1:8080", "users": 5, "hatch_rate": 2, "duration": {"seconds": 10},
             "scenarios": [{"name": "browse", "transactions": [{"name": "home", "request": {"method": "GET", "path": "/"}}]}]""";

    protected abstract RunConfigCodec codec();

    private static String with(String distribution) {
        return BASE + ", \"distribution\": " + distribution + "}";
    }

    @Test
    void aDistributionSurvivesARoundTrip() {
        RunConfig config = RunConfig.builder("http://127.0.0.1:8080").users(6).get("home", "/")
                .distribution(new Distribution(3, Distribution.OnWorkerLost.FAIL)).build();

        assertEquals(config, valid(codec().decode(codec().encode(config))));
    }

    @Test
    void aDistributionWithoutAWorkerCountMeansEveryJoinedWorker() {
        RunConfig config = valid(codec().decode(with("{}")));

        assertNull(config.distribution().workers());
        assertEquals(Distribution.OnWorkerLost.CONTINUE, config.distribution().onWorkerLost());
        assertEquals(config, valid(codec().decode(codec().encode(config))));
    }

    @Test
    void aConfigWithoutADistributionHasNone() {
        assertNull(valid(codec().decode(BASE + "}")).distribution());
    }

    @Test
    void theFailPolicyIsReadByItsWireName() {
        RunConfig config = valid(codec().decode(with("{\"workers\": 2, \"on_worker_lost\": \"fail\"}")));

        assertEquals(new Distribution(2, Distribution.OnWorkerLost.FAIL), config.distribution());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no workers        | {\"workers\": 0}                      | /distribution/workers",
            "too many workers  | {\"workers\": 2000}                   | /distribution/workers",
            "more than users   | {\"workers\": 6}                      | /distribution/workers",
            "an unknown policy | {\"on_worker_lost\": \"retry\"}       | /distribution/on_worker_lost",
            "an unknown field  | {\"nodes\": 2}                        | /distribution/nodes"})
    void aBrokenDistributionIsAViolationAtItsPointer(String what, String distribution, String pointer) {
        assertTrue(pointers(codec().decode(with(distribution))).contains(pointer),
                what + ": " + pointers(codec().decode(with(distribution))));
    }
}
