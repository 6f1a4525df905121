package io.maid.goose.adapter.plugins.mistral;

import io.maid.goose.testkit.FakeHttpServer.Reply;
import io.maid.goose.testkit.FakeMistral;

import java.net.URI;
import java.time.Duration;

/** mistral.rs answers as docs/integrations.md describes them (built by the testkit's {@link FakeMistral}), and settings for tests. */
final class Mistral {
    static final String KEY = "sk-test-SECRET-0123456789";
    static final String CHAT = FakeMistral.CHAT;

    private Mistral() {
    }

    static Reply completion(String content) {
        return FakeMistral.completion(content, "stop");
    }

    static Reply completion(String content, String finishReason) {
        return FakeMistral.completion(content, finishReason);
    }

    static MistralSettings settings(URI endpoint) {
        return new MistralSettings(endpoint, KEY, "goose-model", Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    static MistralSettings settings(URI endpoint, Duration callTimeout) {
        return new MistralSettings(endpoint, KEY, "goose-model", Duration.ofSeconds(2), callTimeout, callTimeout);
    }

    static final String VALID_CONFIG = """
            {"target_base_url":"https://shop.example","users":50,"hatch_rate":5,"duration":{"seconds":300},
             "think_time_seconds":2,
             "scenarios":[{"name":"browse","weight":9,"transactions":[{"name":"home","request":{"method":"GET","path":"/"}}]},
                          {"name":"buy","weight":1,"transactions":[{"name":"checkout","request":{"method":"POST","path":"/cart"}}]}]}""";

    static final String INVALID_USERS = """
            {"target_base_url":"https://shop.example","users":0,"hatch_rate":5,"duration":{"seconds":300},
             "scenarios":[{"name":"browse","transactions":[{"name":"home","request":{"method":"GET","path":"/"}}]}]}""";

    static final String INVALID_METHOD = """
            {"target_base_url":"https://shop.example","users":10,"hatch_rate":5,"duration":{"seconds":300},
             "scenarios":[{"name":"browse","transactions":[{"name":"home","request":{"method":"FETCH","path":"/"}}]}]}""";
}
