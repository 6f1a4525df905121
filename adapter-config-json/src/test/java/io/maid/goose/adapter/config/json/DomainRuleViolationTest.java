package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.maid.goose.adapter.config.json.Documents.pointers;
import static io.maid.goose.adapter.config.json.Documents.exampleConfig;
import static io.maid.goose.adapter.config.json.Documents.exampleWith;
import static io.maid.goose.adapter.config.json.Documents.violations;
import static io.maid.goose.adapter.config.json.Documents.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Rules the schema cannot state are enforced by the domain records and reported at the offending field. */
class DomainRuleViolationTest {
    private static final String GET = "{\"name\":\"%s\",\"request\":{\"method\":\"GET\",\"path\":\"/\"}}";
    private static final String SCENARIO = "{\"name\":\"%s\",\"transactions\":[" + GET + "]}";

    private final JacksonRunConfigCodec codec = new JacksonRunConfigCodec();

    @Test
    void aDuplicateScenarioNameIsReportedAtTheSecondScenariosName() {
        String json = exampleWith("/scenarios/1", SCENARIO.formatted("checkout", "other"));

        assertEquals(List.of("/scenarios/1/name"), pointers(codec.decode(json)));
    }

    @Test
    void aDuplicateScenarioNameMessageQuotesTheName() {
        String json = exampleWith("/scenarios/1", SCENARIO.formatted("checkout", "other"));

        assertEquals("name: duplicate scenario name 'checkout'", violations(codec.decode(json)).get(0).message());
    }

    @Test
    void aDuplicateTransactionNameIsReportedAtTheSecondTransactionsName() {
        String json = exampleWith("/scenarios/0/transactions/1", GET.formatted("get-root"));

        assertEquals(List.of("/scenarios/0/transactions/1/name"), pointers(codec.decode(json)));
    }

    @Test
    void theSameTransactionNameInTwoScenariosIsAllowed() {
        String json = exampleWith("/scenarios/1", SCENARIO.formatted("browse", "get-root"));

        Documents.valid(codec.decode(json));
    }

    @Test
    void duplicatesInTwoScenariosAreBothReported() {
        JsonNode doc = with(exampleConfig(), "/scenarios/0/transactions/1", GET.formatted("get-root"));
        with(doc, "/scenarios/1", "{\"name\":\"b\",\"transactions\":[" + GET.formatted("x") + "," + GET.formatted("x") + "]}");

        assertEquals(List.of("/scenarios/0/transactions/1/name", "/scenarios/1/transactions/1/name"),
                pointers(codec.decode(doc.toString())));
    }

    @Test
    void aBlankScenarioNameIsReportedAtTheName() {
        assertEquals(List.of("/scenarios/0/name"), pointers(codec.decode(exampleWith("/scenarios/0/name", "\"   \""))));
    }

    @Test
    void aBlankHeaderNameIsReportedAtTheHeadersName() {
        String json = exampleWith("/scenarios/0/transactions/0/request/headers", "[{\"name\":\"ok\",\"value\":\"\"},{\"name\":\" \",\"value\":\"x\"}]");

        assertEquals(List.of("/scenarios/0/transactions/0/request/headers/1/name"), pointers(codec.decode(json)));
    }

    @Test
    void aBaseUrlWithoutAUsableHostIsReportedAtTheUrl() {
        assertEquals(List.of("/target_base_url"), pointers(codec.decode(exampleWith("/target_base_url", "\"http://under_score/\""))));
    }

    @Test
    void aHatchRateTooSmallForADoubleIsReportedAtTheHatchRate() {
        assertEquals(List.of("/hatch_rate"), pointers(codec.decode(exampleWith("/hatch_rate", "1e-400"))));
    }

    @Test
    void aBlankCaBundleIsReportedAtTheCaBundle() {
        assertEquals(List.of("/tls/ca_bundle"), pointers(codec.decode(exampleWith("/tls", "{\"ca_bundle\":\"  \"}"))));
    }

    @Test
    void aDomainViolationInARequestBodyIsPrefixedWithConfig() {
        String json = "{\"config\":" + exampleWith("/scenarios/1", SCENARIO.formatted("checkout", "other")) + "}";

        assertEquals(List.of("/config/scenarios/1/name"), pointers(codec.decodeRequest(json)));
    }
}
