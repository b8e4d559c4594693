package dev.parley.anthropic;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import dev.parley.openai.OpenAiClients;
import java.net.URI;
import java.time.Duration;

/**
 * The official Anthropic Java client pointed at {@code {api}/anthropic} on the local API gateway
 * (the one the OpenAI tests use: HTTP API events for Quarkus's mock event server, the streamed
 * route through the stream function's runtime loop, as deployed). The key is sent as
 * {@code x-api-key}, as Anthropic's clients send it.
 */
final class AnthropicClients {
    static final String KEY = "sk-ant-local-test";

    private AnthropicClients() {}

    static URI baseUrl() {
        return OpenAiClients.root().resolve("/anthropic");
    }

    static AnthropicClient client() {
        return AnthropicOkHttpClient.builder()
                .baseUrl(baseUrl().toString())
                .apiKey(KEY)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }
}
