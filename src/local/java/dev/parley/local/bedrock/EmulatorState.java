package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.local.bedrock.guardrails.GuardrailRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What tests can set and read over {@code /_emulator}: the script queue, latency and the call log. */
final class EmulatorState {

    /** Sleeps applied to model answers: before the first delta, and between deltas. */
    record Latency(long firstTokenMs, long perTokenMs) {
        static final Latency NONE = new Latency(0, 0);

        /** A non-streamed answer waits as long as the same answer would take to stream. */
        long totalFor(int deltas) {
            return firstTokenMs + perTokenMs * Math.max(0, deltas - 1);
        }
    }

    private final ScriptQueue queue = new ScriptQueue();
    private final GuardrailRegistry guardrails = new GuardrailRegistry();

    /**
     * Moved by tests (over /_emulator/clock) to see prompt-cache entries expire and lifecycle dates
     * pass. {@link #reset()} puts it back to the start offset: the system property
     * {@value #NOW_PROPERTY} (an ISO instant) runs the whole emulator at another date.
     */
    private final long startOffsetMs = startOffset();

    private final java.util.concurrent.atomic.AtomicLong clockOffsetMs =
            new java.util.concurrent.atomic.AtomicLong(startOffsetMs);
    private final PromptCache promptCache = new PromptCache(this::nowMs);
    private final List<ObjectNode> calls = new ArrayList<>();
    private final List<BedrockEmulator.Span> spans =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger inFlight =
            new java.util.concurrent.atomic.AtomicInteger();
    private volatile Latency latency = Latency.NONE;
    private final DeltaGate deltaGate = new DeltaGate();

    /** Time a model spends reading its prompt, per 1,000 input tokens it has to process (cache reads are free). */
    private volatile long prefillMsPerThousandTokens;

    /** The account's guardrails; not cleared by {@link #reset()}, like any resource in an account. */
    private final FoundationModelsApi foundationModels = new FoundationModelsApi(this::nowMs);

    /** The account's application inference profiles and prompt routers (not cleared by a reset). */
    private final ModelResources modelResources = new ModelResources();

    ModelResources modelResources() {
        return modelResources;
    }

    /** The control plane's model catalogue (ListFoundationModels and friends), and its scripted availability. */
    FoundationModelsApi foundationModels() {
        return foundationModels;
    }

    GuardrailRegistry guardrails() {
        return guardrails;
    }

    PromptCache promptCache() {
        return promptCache;
    }

    /** The emulator's clock: the system clock plus whatever tests advanced it by. */
    long nowMs() {
        return System.currentTimeMillis() + clockOffsetMs.get();
    }

    void advanceClock(long millis) {
        clockOffsetMs.addAndGet(millis);
    }

    /** Sets the clock to {@code epochMs}; it keeps running from there, as the application's clock does. */
    void setClock(long epochMs) {
        clockOffsetMs.set(epochMs - System.currentTimeMillis());
    }

    /** The system property that starts the emulator's clock at another instant (e.g. {@code 2031-01-01T00:00:00Z}). */
    static final String NOW_PROPERTY = "parley.clock.now";

    private static long startOffset() {
        String now = System.getProperty(NOW_PROPERTY, "").trim();
        if (now.isEmpty()) {
            return 0;
        }
        try {
            return java.time.Instant.parse(now).toEpochMilli() - System.currentTimeMillis();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(
                    NOW_PROPERTY
                            + " must be an ISO-8601 instant such as"
                            + " 2031-01-01T00:00:00Z, not '"
                            + now
                            + "'",
                    e);
        }
    }

    ScriptQueue queue() {
        return queue;
    }

    long prefillMsPerThousandTokens() {
        return prefillMsPerThousandTokens;
    }

    void prefillMsPerThousandTokens(long millis) {
        this.prefillMsPerThousandTokens = millis;
    }

    Latency latency() {
        return latency;
    }

    /** Holds streamed deltas until a test releases them (open unless a test holds it). */
    DeltaGate deltaGate() {
        return deltaGate;
    }

    void latency(Latency latency) {
        this.latency = latency;
    }

    void recordCall(String operation, String modelId, byte[] body) {
        recordCall(operation, modelId, body, java.util.Map.of());
    }

    /** A model call, with the Bedrock headers it came with ({@code X-Amzn-Bedrock-*}: tier, tags, guardrail). */
    void recordCall(
            String operation,
            String modelId,
            byte[] body,
            java.util.Map<String, String> bedrockHeaders) {
        ObjectNode call = Json.object();
        ObjectNode headers = call.putObject("headers");
        bedrockHeaders.forEach(headers::put);
        call.put("operation", operation);
        call.put("modelId", modelId);
        JsonNode parsed;
        try {
            parsed = body.length == 0 ? Json.object() : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            parsed =
                    Json.MAPPER.getNodeFactory().textNode(new String(body, StandardCharsets.UTF_8));
        }
        call.set("body", parsed);
        call.put("receivedAt", System.currentTimeMillis());
        // How many model calls were being answered when this one arrived, itself included: tests
        // show calls ran side by side by this count, not by how close their arrival times were.
        call.put("inFlight", inFlight.incrementAndGet());
        synchronized (calls) {
            calls.add(call);
        }
    }

    /** A model call recorded by {@link #recordCall} has been answered (or failed). */
    void callEnded() {
        inFlight.decrementAndGet();
    }

    /** A model call (Converse, InvokeModel, their streams) was answered: its span, for benchmarks. */
    void modelCallSpan(long startNanos, long endNanos) {
        spans.add(new BedrockEmulator.Span(startNanos, endNanos));
    }

    List<BedrockEmulator.Span> modelCallSpans() {
        return List.copyOf(spans);
    }

    ArrayNode calls() {
        ArrayNode array = Json.array();
        synchronized (calls) {
            calls.forEach(c -> array.add(c.deepCopy()));
        }
        return array;
    }

    void reset() {
        queue.clear();
        foundationModels.reset();
        latency = Latency.NONE;
        deltaGate.open();
        prefillMsPerThousandTokens = 0;
        promptCache.clear();
        clockOffsetMs.set(startOffsetMs);
        synchronized (calls) {
            calls.clear();
        }
        spans.clear();
    }
}
