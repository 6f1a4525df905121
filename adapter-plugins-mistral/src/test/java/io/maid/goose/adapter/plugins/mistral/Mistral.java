package io.maid.goose.adapter.plugins.mistral;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Duration;

/** mistral.rs answers exactly as PROTOCOLS.md describes them, and settings for tests. */
final class Mistral {
    static final String KEY = "sk-test-SECRET-0123456789";
    static final String CHAT = "/v1/chat/completions";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Mistral() {
    }

    static FakeHttpServer.Reply completion(String content) {
        return completion(content, "stop");
    }

    static FakeHttpServer.Reply completion(String content, String finishReason) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-1");
        root.put("object", "chat.completion");
        root.put("created", 1_718_000_000L);
        root.put("model", "mistral-7b-instruct");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.put("finish_reason", finishReason);
        choice.putObject("message").put("role", "assistant").put("content", content);
        root.putObject("usage").put("prompt_tokens", 812).put("completion_tokens", 154).put("total_tokens", 966);
        return FakeHttpServer.Reply.json(200, root.toString());
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
