package io.maid.goose.adapter.config.json;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.maid.goose.adapter.config.json.Documents.pointers;
import static io.maid.goose.adapter.config.json.Documents.exampleConfig;
import static io.maid.goose.adapter.config.json.Documents.exampleWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The API body is {"config": {...}} and nothing else; violations inside it are pointed at below /config. */
class DecodeRequestTest {
    private final JacksonRunConfigCodec codec = new JacksonRunConfigCodec();

    @Test
    void aBodyWithoutConfigIsReportedAtConfig() {
        assertEquals(List.of("/config"), pointers(codec.decodeRequest("{}")));
    }

    @Test
    void aBareConfigSentAsARequestReportsItsPropertiesAndTheMissingConfig() {
        List<String> pointers = pointers(codec.decodeRequest("{\"users\":1}"));

        assertEquals(List.of("/config", "/users"), pointers);
    }

    @Test
    void anotherTopLevelPropertyIsReportedAtItsPointer() {
        String json = "{\"config\":" + exampleConfig() + ",\"dry_run\":true}";

        assertEquals(List.of("/dry_run"), pointers(codec.decodeRequest(json)));
    }

    @Test
    void configThatIsNotAnObjectIsReportedAtConfig() {
        assertEquals(List.of("/config"), pointers(codec.decodeRequest("{\"config\":[]}")));
    }

    @Test
    void aBodyThatIsNotAnObjectIsReportedAtTheRoot() {
        assertEquals(List.of(""), pointers(codec.decodeRequest("[{\"config\":{}}]")));
    }

    @Test
    void schemaViolationsInsideConfigArePrefixedWithConfig() {
        String json = "{\"config\":" + exampleWith("/users", "0") + "}";

        assertEquals(List.of("/config/users"), pointers(codec.decodeRequest(json)));
    }

    @Test
    void aMissingPropertyInsideConfigIsPrefixedWithConfig() {
        String json = "{\"config\":" + exampleWith("/scenarios/0/transactions/0/request/method", Documents.REMOVE) + "}";

        assertEquals(List.of("/config/scenarios/0/transactions/0/request/method"), pointers(codec.decodeRequest(json)));
    }

    @Test
    void anUnknownTopLevelPropertyAndAViolationInsideConfigAreBothReported() {
        String json = "{\"extra\":1,\"config\":" + exampleWith("/colour", "\"red\"") + "}";

        assertEquals(List.of("/extra", "/config/colour"), pointers(codec.decodeRequest(json)));
    }
}
