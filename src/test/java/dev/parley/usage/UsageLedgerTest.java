package dev.parley.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.bedrock.ModelCatalog;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.InferenceSettings;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelReply;
import dev.parley.modelcall.Usage;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.ModelPipeline;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger against DynamoDB Local: exact totals under concurrency, per caller, on every route. */
@QuarkusTest
class UsageLedgerTest {

    @Inject ModelPipeline pipeline;
    @Inject ModelCatalog catalog;
    @Inject UsageLedger ledger;
    @Inject UsageRecorder recorder;
    @Inject dev.parley.afterresponse.AfterResponse afterResponse;

    @BeforeEach
    @AfterEach
    void reset() {
        Emulator.control().reset();
    }

    private static String caller(String name) {
        return name + "-" + UUID.randomUUID();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    @Test
    void twentyConcurrentCallsFromSeveralCallersAddUpToWhatTheRepliesReported() throws Exception {
        List<String> callers =
                List.of(caller("alice"), caller("bob"), caller("carol"), caller("dave"));
        // Latency makes the calls overlap, so the ADDs on one caller's items really race.
        Emulator.control().latency(100, 0);
        int calls = 20;
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Map.Entry<String, Usage>>> replies = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            String caller = callers.get(i % callers.size());
            String text = "Summarize request number " + i + " " + "word ".repeat(i);
            replies.add(
                    pool.submit(
                            () -> {
                                go.await();
                                ModelReply reply =
                                        pipeline.converse(
                                                CallContext.of(caller, "summarize"),
                                                call("nova-micro", text));
                                // What each handler does as it returns; here twenty at once, racing
                                // for the pending totals.
                                afterResponse.drain();
                                return Map.entry(caller, reply.usage());
                            }));
        }
        go.countDown();
        Map<String, UsageTotals> expected = new HashMap<>();
        for (Future<Map.Entry<String, Usage>> reply : replies) {
            Map.Entry<String, Usage> e = reply.get();
            expected.merge(e.getKey(), UsageTotals.ofCall(e.getValue()), UsageTotals::plus);
        }
        pool.shutdown();

        for (String caller : callers) {
            UsageTotals want = expected.get(caller);
            assertEquals(5, want.calls());
            assertTrue(want.inputTokens() > 0 && want.outputTokens() > 0, want.toString());
            assertEquals(
                    List.of(new LedgerEntry(today().toString(), "nova-micro", want)),
                    ledger.day(caller, today()));
            YearMonth month = YearMonth.from(today());
            assertEquals(
                    List.of(new LedgerEntry(month.toString(), "nova-micro", want)),
                    ledger.month(caller, month));
        }
    }

    @Test
    void theUsageRouteAnswersTheCallersOwnTotalsByDayAndModelWithTheEstimatedCost() {
        String alice = caller("alice");
        String bob = caller("bob");
        JsonNode first = summarize(alice, "nova-micro", "The first text to summarize, about cats.");
        JsonNode second =
                summarize(alice, "nova-lite", "The second text to summarize, about dogs.");
        summarize(bob, "nova-micro", "Bob's own text, which Alice must never see counted.");

        JsonNode report =
                Lambda.invoke(
                                Lambda.as(
                                        alice,
                                        Lambda.http(
                                                "GET",
                                                "/v1/usage?from=" + today() + "&to=" + today(),
                                                null)))
                        .body();
        assertEquals(alice, report.path("caller").asText());
        assertEquals(2, report.path("days").size(), report.toString());
        Map<String, JsonNode> byModel = new HashMap<>();
        report.path("days").forEach(row -> byModel.put(row.path("model").asText(), row));
        assertRow(byModel.get("nova-micro"), first.path("usage"));
        assertRow(byModel.get("nova-lite"), second.path("usage"));
        assertEquals(today().toString(), byModel.get("nova-micro").path("date").asText());

        // nova-micro: 0.035 USD in / 0.14 USD out per million tokens (application.properties).
        double microCost =
                (first.at("/usage/inputTokens").asLong() * 0.035
                                + first.at("/usage/outputTokens").asLong() * 0.14)
                        / 1_000_000;
        assertEquals(
                microCost, byModel.get("nova-micro").path("estimatedCostUsd").asDouble(), 1e-6);
        long total =
                first.at("/usage/inputTokens").asLong()
                        + first.at("/usage/outputTokens").asLong()
                        + second.at("/usage/inputTokens").asLong()
                        + second.at("/usage/outputTokens").asLong();
        assertEquals(total, report.at("/total/totalTokens").asLong());
        assertEquals(2, report.at("/total/calls").asLong());
        assertEquals(0, report.path("unpricedModels").size());
    }

    @Test
    void anotherCallersUsageIsNeverVisible() {
        String alice = caller("alice");
        String mallory = caller("mallory");
        summarize(alice, "nova-micro", "Alice's private text.");
        JsonNode report =
                Lambda.invoke(Lambda.as(mallory, Lambda.http("GET", "/v1/usage", null))).body();
        assertEquals(mallory, report.path("caller").asText());
        assertEquals(0, report.path("days").size(), report.toString());
        assertEquals(0, report.at("/total/calls").asLong());
        // Not even by asking for a caller: the route takes no such parameter, the identity is the
        // token's.
        JsonNode asked =
                Lambda.invoke(
                                Lambda.as(
                                        mallory,
                                        Lambda.http("GET", "/v1/usage?caller=" + alice, null)))
                        .body();
        assertEquals(0, asked.path("days").size(), asked.toString());
    }

    @Test
    void aRangeOfDaysListsEachDayAndLeavesOutDaysOutsideIt() {
        String caller = caller("ranger");
        Usage usage = new Usage(10, 5, 15, 2, 3);
        LocalDate day = LocalDate.of(2030, 1, 31);
        // Records straight into the ledger on three days (the API has no way to call the model in
        // the past).
        recordOn(caller, day.minusDays(1), usage);
        recordOn(caller, day, usage);
        recordOn(caller, day, usage);
        recordOn(caller, day.plusDays(1), usage);
        JsonNode report =
                Lambda.invoke(
                                Lambda.as(
                                        caller,
                                        Lambda.http(
                                                "GET",
                                                "/v1/usage?from=" + day + "&to=" + day.plusDays(1),
                                                null)))
                        .body();
        assertEquals(2, report.path("days").size(), report.toString());
        assertEquals(day.toString(), report.at("/days/0/date").asText());
        assertEquals(2, report.at("/days/0/calls").asLong());
        assertEquals(20, report.at("/days/0/inputTokens").asLong());
        assertEquals(4, report.at("/days/0/cacheReadInputTokens").asLong());
        assertEquals(6, report.at("/days/0/cacheWriteInputTokens").asLong());
        assertEquals(day.plusDays(1).toString(), report.at("/days/1/date").asText());
        assertEquals(3, report.at("/total/calls").asLong());
        assertEquals(3 * 20, report.at("/total/totalTokens").asLong());
    }

    @Test
    void badDatesAndRangesAre400() {
        assertBad("/v1/usage?from=2026-13-01&to=2026-12-01", "from must be a date as YYYY-MM-DD");
        assertBad("/v1/usage?from=2026-02-30", "from must be a date");
        assertBad("/v1/usage?from=yesterday&to=2026-12-01", "from must be a date");
        assertBad("/v1/usage?from=2026-12-02&to=2026-12-01", "must not be after");
        assertBad("/v1/usage?from=2026-01-01&to=2026-12-31", "at most 92");
    }

    @Test
    void everyModelCallPathIsCharged() {
        String caller = caller("paths");
        long expected = 0;
        expected +=
                summarize(caller, "nova-micro", "A text for the summary.")
                        .at("/usage/totalTokens")
                        .asLong();
        ProxyResult chat =
                Lambda.invoke(
                        Lambda.as(
                                caller,
                                Lambda.http(
                                        "POST",
                                        "/v1/chat",
                                        Map.of("message", "Hello there", "model", "nova-micro"))));
        assertEquals(201, chat.status(), chat.toString());
        expected += chat.body().at("/usage/totalTokens").asLong();
        ProxyResult compare =
                Lambda.invoke(
                        Lambda.as(
                                caller,
                                Lambda.http(
                                        "POST",
                                        "/v1/compare",
                                        Map.of(
                                                "message",
                                                "Compare this",
                                                "models",
                                                List.of("nova-micro", "nova-lite")))));
        assertEquals(200, compare.status(), compare.toString());
        for (JsonNode result : compare.body().path("results")) {
            expected += result.at("/usage/totalTokens").asLong();
        }
        Emulator.control().scriptToolUse(null, "calculator", "{\"expression\": \"6 * 7\"}");
        ProxyResult tools =
                Lambda.invoke(
                        Lambda.as(
                                caller,
                                Lambda.http(
                                        "POST",
                                        "/v1/tools",
                                        Map.of(
                                                "message",
                                                "What is 6 times 7?",
                                                "tools",
                                                List.of("calculator"),
                                                "model",
                                                "nova-micro"))));
        assertEquals(200, tools.status(), tools.toString());
        expected += tools.body().at("/usage/totalTokens").asLong();
        ProxyResult invoke =
                Lambda.invoke(
                        Lambda.as(
                                caller,
                                Lambda.http(
                                        "POST",
                                        "/v1/models/nova-micro/invoke",
                                        Map.of(
                                                "messages",
                                                List.of(
                                                        Map.of(
                                                                "role",
                                                                "user",
                                                                "content",
                                                                List.of(Map.of("text", "Hi"))))))));
        assertEquals(200, invoke.status(), invoke.toString());
        long invokeTokens =
                invoke.body().at("/usage/inputTokens").asLong()
                        + invoke.body().at("/usage/outputTokens").asLong();
        assertTrue(invokeTokens > 0, "the Nova native body reports usage: " + invoke);
        expected += invokeTokens;

        List<LedgerEntry> entries = ledger.day(caller, today());
        long recorded = entries.stream().mapToLong(e -> e.totals().tokens()).sum();
        long calls = entries.stream().mapToLong(e -> e.totals().calls()).sum();
        assertEquals(expected, recorded, entries.toString());
        // summarize 1 + chat 1 + compare 2 + tools 2 (tool use, then the answer) + invoke 1
        assertEquals(7, calls, entries.toString());
    }

    @Test
    void theOpenAiRoutesAreChargedEmbeddingsIncluded() {
        String caller = caller("openai");
        ProxyResult chat =
                Lambda.invoke(
                        Lambda.as(
                                caller,
                                Lambda.http(
                                        "POST",
                                        "/openai/v1/chat/completions",
                                        Map.of(
                                                "model",
                                                "nova-micro",
                                                "messages",
                                                List.of(
                                                        Map.of(
                                                                "role", "user", "content",
                                                                "Hello"))))));
        assertEquals(200, chat.status(), chat.toString());
        ProxyResult embeddings =
                Lambda.invoke(
                        Lambda.as(
                                caller,
                                Lambda.http(
                                        "POST",
                                        "/openai/v1/embeddings",
                                        Map.of(
                                                "model",
                                                "cohere-embed-english",
                                                "input",
                                                List.of("river festival", "harbour market")))));
        assertEquals(200, embeddings.status(), embeddings.toString());

        Map<String, UsageTotals> byModel = new HashMap<>();
        ledger.day(caller, today()).forEach(e -> byModel.put(e.model(), e.totals()));
        assertEquals(
                chat.body().at("/usage/prompt_tokens").asLong(),
                byModel.get("nova-micro").inputTokens());
        assertEquals(
                chat.body().at("/usage/completion_tokens").asLong(),
                byModel.get("nova-micro").outputTokens());
        UsageTotals embed = byModel.get("cohere-embed-english");
        assertEquals(1, embed.calls(), "one InvokeModel call for both texts: " + byModel);
        assertEquals(embeddings.body().at("/usage/prompt_tokens").asLong(), embed.inputTokens());
        assertTrue(embed.inputTokens() > 0);
    }

    @Test
    void aStreamIsChargedLikeAnyOtherCall() {
        String caller = caller("streamer");
        StringBuilder text = new StringBuilder();
        ModelReply reply =
                pipeline.stream(
                        CallContext.of(caller, "stream"),
                        call("nova-micro", "Stream this"),
                        new dev.parley.modelcall.StreamListener() {
                            @Override
                            public void text(String delta) {
                                text.append(delta);
                            }
                        },
                        java.time.Duration.ofSeconds(10));
        assertTrue(text.length() > 0);
        afterResponse.drain();
        assertEquals(
                List.of(
                        new LedgerEntry(
                                today().toString(),
                                "nova-micro",
                                UsageTotals.ofCall(reply.usage()))),
                ledger.day(caller, today()));
    }

    @Test
    void aStreamWhoseClientLeftMidwayIsChargedForTheWholeReplyBedrockProduced() {
        String caller = caller("leaver");
        List<String> received = new ArrayList<>();
        RuntimeException gone = new IllegalStateException("the client went away");
        RuntimeException thrown =
                org.junit.jupiter.api.Assertions.assertThrows(
                        RuntimeException.class,
                        () ->
                                pipeline.stream(
                                        CallContext.of(caller, "stream"),
                                        call("nova-micro", "Stream a long answer"),
                                        new dev.parley.modelcall.StreamListener() {
                                            @Override
                                            public void text(String delta) {
                                                received.add(delta);
                                                throw gone;
                                            }
                                        },
                                        java.time.Duration.ofSeconds(10)));
        assertEquals(1, received.size(), "nothing is forwarded after the client failed: " + thrown);
        afterResponse.drain();
        List<LedgerEntry> charged = ledger.day(caller, today());
        assertEquals(1, charged.size(), charged.toString());
        assertEquals(1, charged.get(0).totals().calls());
        assertTrue(
                charged.get(0).totals().outputTokens() > 0
                        && charged.get(0).totals().inputTokens() > 0,
                "the usage Bedrock reported at the end of the stream: " + charged);
    }

    private void recordOn(String caller, LocalDate day, Usage usage) {
        dev.parley.testing.MovableClock clock =
                io.quarkus.arc.Arc.container()
                        .instance(dev.parley.testing.MovableClock.class)
                        .get();
        clock.set(day.atTime(12, 0).toInstant(ZoneOffset.UTC));
        try {
            recorder.record(new UsageEvent(caller, "test", "nova-micro", usage, clock.instant()));
            afterResponse.drain();
        } finally {
            clock.reset();
        }
    }

    private static void assertBad(String path, String message) {
        ProxyResult result = Lambda.invoke(Lambda.as("validator", Lambda.http("GET", path, null)));
        assertEquals(400, result.status(), result.toString());
        assertEquals("validation_error", result.errorCode());
        assertTrue(result.errorMessage().contains(message), result.errorMessage());
    }

    private static void assertRow(JsonNode row, JsonNode usage) {
        assertEquals(1, row.path("calls").asLong(), row.toString());
        assertEquals(usage.path("inputTokens").asLong(), row.path("inputTokens").asLong());
        assertEquals(usage.path("outputTokens").asLong(), row.path("outputTokens").asLong());
    }

    static JsonNode summarize(String caller, String model, String text) {
        ProxyResult result =
                Lambda.invoke(
                        Lambda.as(
                                caller,
                                Lambda.http(
                                        "POST",
                                        "/v1/summarize",
                                        Map.of("text", text, "model", model))));
        assertEquals(200, result.status(), result.toString());
        return result.body();
    }

    private ModelCall call(String model, String text) {
        return new ModelCall(
                catalog.resolve(model),
                Optional.empty(),
                List.of(ChatMessage.user(text)),
                InferenceSettings.DEFAULTS);
    }
}
