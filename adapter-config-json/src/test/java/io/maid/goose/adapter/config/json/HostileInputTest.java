package io.maid.goose.adapter.config.json;

import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.ports.out.DecodeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static io.maid.goose.adapter.config.json.Documents.pointers;
import static io.maid.goose.adapter.config.json.Documents.exampleWith;
import static io.maid.goose.adapter.config.json.Documents.violations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever arrives, decoding answers with violations and never throws. */
class HostileInputTest {
    private final JacksonRunConfigCodec codec = new JacksonRunConfigCodec();

    static Stream<String> documentsThatAreNotAConfigObject() {
        return Stream.of("", "   ", "null", "[]", "42", "\"config\"", "true", "{", "}", "{\"users\":1,}", "{} {}",
                "{\"users\": NaN}", "{'users': 1}", "[".repeat(10_000) + "]".repeat(10_000),
                "[".repeat(10_000), "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
                "{\"users\": 1" + "0".repeat(5_000) + "}", "\u0000");
    }

    @ParameterizedTest
    @NullSource
    @MethodSource("documentsThatAreNotAConfigObject")
    void decodeAnswersWithAViolationAtTheRoot(String json) {
        List<ConfigViolation> violations = violations(codec.decode(json));

        assertFalse(violations.isEmpty());
        assertTrue(violations.stream().anyMatch(v -> v.pointer().isEmpty()), violations::toString);
    }

    @ParameterizedTest
    @NullSource
    @MethodSource("documentsThatAreNotAConfigObject")
    void decodeRequestAnswersWithAViolationAtTheRoot(String json) {
        List<ConfigViolation> violations = violations(codec.decodeRequest(json));

        assertTrue(violations.stream().anyMatch(v -> v.pointer().isEmpty()), violations::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e400", "1e999999999", "-1e-999999999", "99999999999999999999", "\"many\"", "[200]", "{\"n\":200}", "true", "null",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"})
    void aHostileValueWhereANumberGoesIsAViolationAtThatNumber(String value) {
        assertEquals(List.of("/users"), pointers(codec.decode(exampleWith("/users", value))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e400", "1e-400", "\"3\"", "99999999999999999999"})
    void aHostileValueWhereAFractionGoesIsAViolationAtThatNumber(String value) {
        assertEquals(List.of("/request_timeout_seconds"), pointers(codec.decode(exampleWith("/request_timeout_seconds", value))));
    }

    @Test
    void malformedJsonIsReportedWithItsLineAndColumn() {
        ConfigViolation violation = violations(codec.decode("{\n  \"users\": 200,\n  \"hatch_rate\": ?\n}")).get(0);

        assertEquals("", violation.pointer());
        assertTrue(violation.message().startsWith("invalid JSON at line 3, column 17"), violation.message());
    }

    @Test
    void malformedJsonIsASingleViolation() {
        assertEquals(1, violations(codec.decode("{\"users\": }")).size());
    }

    @Test
    void aDuplicateKeyIsRejectedWithItsName() {
        ConfigViolation violation = violations(codec.decode(exampleWith("/users", "200").replace("\"users\":200", "\"users\":200,\"users\":1"))).get(0);

        assertEquals("", violation.pointer());
        assertTrue(violation.message().contains("Duplicate field 'users'"), violation.message());
    }

    @Test
    void aDuplicateKeyDeepInsideIsRejected() {
        String json = exampleWith("/scenarios/0/transactions/0/request/method", "\"GET\"").replace("\"method\":\"GET\"", "\"method\":\"GET\",\"method\":\"POST\"");

        assertEquals(List.of(""), pointers(codec.decode(json)));
    }

    @Test
    void aHugeValidDocumentDecodesWithoutHarm() {
        StringBuilder scenarios = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            scenarios.append(i == 0 ? "" : ",").append("{\"name\":\"s").append(i)
                    .append("\",\"transactions\":[{\"name\":\"t\",\"request\":{\"method\":\"GET\",\"path\":\"/\"}}]}");
        }

        DecodeResult result = codec.decode(exampleWith("/scenarios", "[" + scenarios + "]"));

        assertEquals(2_000, Documents.valid(result).scenarios().size());
    }
}
