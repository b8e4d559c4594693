package dev.parley.budgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.bedrock.ModelCatalog;
import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.InferenceSettings;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.StreamListener;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.ModelPipeline;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import dev.parley.testing.MovableClock;
import dev.parley.usage.LedgerEntry;
import dev.parley.usage.PriceTable;
import dev.parley.usage.UsageLedger;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Budgets against the real ledger in DynamoDB Local. The callers and their limits are in
 * application.properties (%test.parley.budgets.callers.*); each test runs on its own day, set on
 * the application's clock, so the counters of one test never reach another's.
 */
@QuarkusTest
class BudgetTest {

    @Inject MovableClock clock;
    @Inject UsageLedger ledger;
    @Inject PriceTable prices;
    @Inject ModelPipeline pipeline;
    @Inject ModelCatalog catalog;

    @BeforeEach
    @AfterEach
    void reset() {
        clock.reset();
        Emulator.control().reset();
    }

    @Test
    void aDailyTokenBudgetRefusesAtTheLimitUntilMidnightThenResets() {
        clock.set(Instant.parse("2031-03-31T23:59:00Z"));
        long used = 0;
        long lastCall = 0;
        ProxyResult refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            ProxyResult result = summarize("budget-daily");
            if (result.status() == 429) {
                refused = result;
            } else {
                assertEquals(200, result.status(), result.toString());
                lastCall = result.body().at("/usage/totalTokens").asLong();
                used += lastCall;
            }
        }
        assertTrue(refused != null, "the budget of 100 tokens refused a call");
        assertTrue(used >= 100, "refused only once the limit was reached: " + used);
        assertTrue(
                used - lastCall < 100, "the last call admitted started below the limit: " + used);
        assertEquals("quota_exceeded", refused.errorCode());
        assertTrue(
                refused.errorMessage().contains("daily budget of budget-daily"),
                refused.errorMessage());
        assertTrue(refused.errorMessage().contains("2031-04-01T00:00:00Z"), refused.errorMessage());
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(
                retryAfter > 45 && retryAfter <= 60, "seconds until midnight UTC: " + retryAfter);

        clock.set(Instant.parse("2031-04-01T00:00:01Z"));
        assertEquals(200, summarize("budget-daily").status(), "a new day, a new budget");
    }

    @Test
    void aMonthlyTokenBudgetHoldsAcrossDaysAndResetsOnTheFirst() {
        clock.set(Instant.parse("2031-05-20T10:00:00Z"));
        spendUntilRefused("budget-monthly");
        clock.set(Instant.parse("2031-05-31T23:59:30Z"));
        ProxyResult refused = summarize("budget-monthly");
        assertEquals(
                429,
                refused.status(),
                "another day of the same month is still refused: " + refused);
        assertTrue(refused.errorMessage().contains("monthly budget"), refused.errorMessage());
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(
                retryAfter > 15 && retryAfter <= 30,
                "seconds until the first of June: " + retryAfter);

        clock.set(Instant.parse("2031-06-01T00:00:05Z"));
        assertEquals(200, summarize("budget-monthly").status());
    }

    @Test
    void aUsdBudgetCountsTheEstimatedCost() {
        clock.set(Instant.parse("2031-06-10T12:00:00Z"));
        spendUntilRefused("budget-usd");
        BigDecimal spent =
                ledger.day("budget-usd", LocalDate.of(2031, 6, 10)).stream()
                        .map(e -> prices.cost(e.model(), e.totals()))
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertTrue(
                spent.compareTo(new BigDecimal("0.000010")) >= 0,
                "refused at USD 0.00001: " + spent);
        ProxyResult refused = summarize("budget-usd");
        assertEquals(429, refused.status());
        assertTrue(refused.errorMessage().contains("USD"), refused.errorMessage());
    }

    @Test
    void concurrentCallsOvershootByAtMostTheCallsInFlight() throws Exception {
        clock.set(Instant.parse("2031-07-15T10:00:00Z"));
        Emulator.control().latency(80, 0);
        int threads = 4;
        int callsPerThread = 5;
        long limit = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong maxCall = new AtomicLong();
        List<Future<List<String>>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            work.add(
                    pool.submit(
                            () -> {
                                go.await();
                                List<String> outcomes = new ArrayList<>();
                                for (int i = 0; i < callsPerThread; i++) {
                                    try {
                                        long tokens =
                                                pipeline.converse(
                                                                CallContext.of(
                                                                        "budget-race", "summarize"),
                                                                call())
                                                        .usage()
                                                        .totalTokens();
                                        maxCall.accumulateAndGet(tokens, Math::max);
                                        outcomes.add("ok");
                                    } catch (ParleyException e) {
                                        outcomes.add(
                                                e.code() == ErrorCode.QUOTA_EXCEEDED
                                                        ? "refused"
                                                        : "other: " + e.getMessage());
                                    }
                                }
                                return outcomes;
                            }));
        }
        go.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<List<String>> f : work) {
            outcomes.addAll(f.get());
        }
        pool.shutdown();

        long refusals = outcomes.stream().filter("refused"::equals).count();
        long admitted = outcomes.stream().filter("ok"::equals).count();
        assertEquals(threads * callsPerThread, refusals + admitted, outcomes.toString());
        assertTrue(refusals > 0, "the budget stopped the race: " + outcomes);
        long used =
                ledger.day("budget-race", LocalDate.of(2031, 7, 15)).stream()
                        .mapToLong(e -> e.totals().tokens())
                        .sum();
        assertTrue(used >= limit, "no call was refused before the limit was reached: " + used);
        // Every admitted call saw less than the limit; only calls running at that moment (one per
        // thread at most) can add after it.
        assertTrue(
                used < limit + threads * maxCall.get(),
                "overshoot "
                        + (used - limit)
                        + " is within "
                        + threads
                        + " calls of "
                        + maxCall.get());
        assertThrows(
                ParleyException.class,
                () -> pipeline.converse(CallContext.of("budget-race", "summarize"), call()));
    }

    @Test
    void aToolLoopIsCheckedBeforeEachModelCallAndAStreamBeforeItStarts() {
        clock.set(Instant.parse("2031-08-01T10:00:00Z"));
        Emulator.control().scriptToolUse(null, "calculator", "{\"expression\": \"6 * 7\"}");
        ProxyResult result =
                Lambda.invoke(
                        Lambda.as(
                                "budget-loop",
                                Lambda.http(
                                        "POST",
                                        "/v1/tools",
                                        Map.of(
                                                "message",
                                                "What is 6 times 7?",
                                                "tools",
                                                List.of("calculator")))));
        assertEquals(429, result.status(), result.toString());
        assertEquals("quota_exceeded", result.errorCode());
        assertEquals(
                1,
                Emulator.control().calls().size(),
                "the second iteration never reached the model");
        List<LedgerEntry> day = ledger.day("budget-loop", LocalDate.of(2031, 8, 1));
        assertEquals(1, day.stream().mapToLong(e -> e.totals().calls()).sum(), day.toString());

        List<String> deltas = new ArrayList<>();
        ParleyException refused =
                assertThrows(
                        ParleyException.class,
                        () ->
                                pipeline.stream(
                                        CallContext.of("budget-loop", "stream"),
                                        call(),
                                        new StreamListener() {
                                            @Override
                                            public void text(String delta) {
                                                deltas.add(delta);
                                            }
                                        },
                                        Duration.ofSeconds(10)));
        assertEquals(ErrorCode.QUOTA_EXCEEDED, refused.code());
        assertEquals(List.of(), deltas);
        assertEquals(
                1,
                Emulator.control().calls().size(),
                "the stream was refused before any model call");
    }

    @Test
    void invokeModelPassthroughIsBudgetedAndCharged() {
        clock.set(Instant.parse("2031-09-01T10:00:00Z"));
        Map<String, Object> body =
                Map.of(
                        "messages",
                        List.of(Map.of("role", "user", "content", List.of(Map.of("text", "Hi")))));
        ProxyResult first =
                Lambda.invoke(
                        Lambda.as(
                                "budget-invoke",
                                Lambda.http("POST", "/v1/models/nova-micro/invoke", body)));
        assertEquals(200, first.status(), first.toString());
        ProxyResult second =
                Lambda.invoke(
                        Lambda.as(
                                "budget-invoke",
                                Lambda.http("POST", "/v1/models/nova-micro/invoke", body)));
        assertEquals(429, second.status(), second.toString());
        assertEquals("quota_exceeded", second.errorCode());
        assertEquals(1, Emulator.control().calls().size());
    }

    @Test
    void theOpenAiRoutesAnswerASpentBudgetAsOpenAiDoesASpentQuota() {
        clock.set(Instant.parse("2031-09-02T10:00:00Z"));
        Map<String, Object> body = Map.of("model", "titan-embed-v2", "input", "river festival");
        ProxyResult first =
                Lambda.invoke(
                        Lambda.as(
                                "budget-invoke",
                                Lambda.http("POST", "/openai/v1/embeddings", body)));
        assertEquals(200, first.status(), first.toString());
        ProxyResult refused =
                Lambda.invoke(
                        Lambda.as(
                                "budget-invoke",
                                Lambda.http("POST", "/openai/v1/embeddings", body)));
        assertEquals(429, refused.status(), refused.toString());
        assertEquals(
                "insufficient_quota",
                refused.body().at("/error/type").asText(),
                refused.toString());
        assertEquals("insufficient_quota", refused.body().at("/error/code").asText());
        assertTrue(Long.parseLong(refused.header("Retry-After")) > 0);
    }

    @Test
    void callersWithoutALimitAreNeverChecked() {
        clock.set(Instant.parse("2031-10-01T10:00:00Z"));
        // Spend past the largest token limit any caller has (150 a month): a caller with no limit
        // of its own is still admitted, so no limit was applied to it.
        long used = 0;
        for (int i = 0; i < 20 && used <= 150; i++) {
            assertEquals(200, summarize("budget-free").status());
            used =
                    ledger.day("budget-free", LocalDate.of(2031, 10, 1)).stream()
                            .mapToLong(e -> e.totals().tokens())
                            .sum();
        }
        assertTrue(used > 150, "spent " + used + " tokens");
        assertEquals(
                200,
                summarize("budget-free").status(),
                "still admitted past every configured limit");
    }

    private void spendUntilRefused(String caller) {
        for (int i = 0; i < 20; i++) {
            ProxyResult result = summarize(caller);
            if (result.status() == 429) {
                return;
            }
            assertEquals(200, result.status(), result.toString());
        }
        throw new AssertionError(caller + " was never refused");
    }

    private static ProxyResult summarize(String caller) {
        return Lambda.invoke(
                Lambda.as(
                        caller,
                        Lambda.http(
                                "POST",
                                "/v1/summarize",
                                Map.of(
                                        "text",
                                        "A short text about budgets, to be summarized.",
                                        "model",
                                        "nova-micro"))));
    }

    private ModelCall call() {
        return new ModelCall(
                catalog.resolve("nova-micro"),
                Optional.empty(),
                List.of(ChatMessage.user("A short text about budgets.")),
                InferenceSettings.DEFAULTS);
    }
}
