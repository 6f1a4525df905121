package io.maid.goose.adapter.config.json;

import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.PluginHints;
import io.maid.goose.domain.ReportsSpec;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunDuration;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.SchedulerKind;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.domain.Transaction;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static io.maid.goose.adapter.config.json.Documents.resource;
import static io.maid.goose.adapter.config.json.Documents.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The POST /api/goose/run example of docs/api.md is the wire format. */
class ApiExampleTest {
    private final JacksonRunConfigCodec codec = new JacksonRunConfigCodec();

    private static final RunConfig EXAMPLE = new RunConfig(URI.create("https://target.example"), 200, 50,
            new RunDuration(600), io.maid.goose.domain.flow.ThinkTime.fixed(3),
            List.of(new Scenario("checkout", 2, List.of(new Transaction("get-root", 1, RequestSpec.of(HttpMethod.GET, "/"))))),
            SchedulerKind.ROUND_ROBIN, ReportsSpec.all(), new PluginHints(List.of("production", "canary"), null, Map.of()),
            TlsSpec.defaults(), RunConfig.DEFAULT_REQUEST_TIMEOUT_SECONDS, null, RunConfig.DEFAULT_MAX_RESPONSE_BYTES, List.of(),
            RunConfig.DEFAULT_MAX_CAPTURE_BYTES);

    @Test
    void theBareExampleConfigDecodesToTheDocumentedValues() {
        RunConfig config = valid(codec.decode(resource("api-example-config.json")));

        assertEquals(URI.create("https://target.example"), config.targetBaseUrl());
        assertEquals(200, config.users());
        assertEquals(50.0, config.hatchRate());
        assertEquals(600, config.duration().seconds());
        assertEquals(3.0, config.thinkTime().minSeconds());
        assertEquals("checkout", config.scenarios().get(0).name());
        assertEquals(2, config.scenarios().get(0).weight());
        Transaction transaction = config.scenarios().get(0).transactions().get(0);
        assertEquals("get-root", transaction.name());
        assertEquals(HttpMethod.GET, transaction.http().method());
        assertEquals("/", transaction.http().path().text());
        assertEquals(SchedulerKind.ROUND_ROBIN, config.scheduler());
        assertEquals(ReportsSpec.all(), config.reports());
        assertEquals(List.of("production", "canary"), config.pluginHints().tags());
    }

    @Test
    void theExampleConfigFillsEveryOmittedFieldWithItsDefault() {
        assertEquals(EXAMPLE, valid(codec.decode(resource("api-example-config.json"))));
    }

    @Test
    void theExampleRequestBodyDecodesToTheSameConfigAsTheBareDocument() {
        assertEquals(EXAMPLE, valid(codec.decodeRequest(resource("api-example-request.json"))));
    }
}
