package dev.parley.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.modelcall.CachePoints;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.GuardrailConfig;
import dev.parley.modelcall.InferenceSettings;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Response-cache keys: what makes two requests the same answer, and what keeps them apart. */
class CacheKeysTest {
    private static final ModelSpec NOVA =
            new ModelSpec(
                    "nova-micro",
                    "us.amazon.nova-micro-v1:0",
                    "amazon",
                    5120,
                    128000,
                    new ModelSpec.Capabilities(true, false, true, true));

    private static ModelCall call(String text, double temperature) {
        return new ModelCall(
                NOVA,
                Optional.of("Summarize."),
                List.of(ChatMessage.user(text)),
                new InferenceSettings(
                        Optional.of(temperature), Optional.empty(), Optional.of(512)));
    }

    private static String key(String scope, ModelCall call) {
        return CacheKeys.forCall(scope, "summarize", "1", call);
    }

    @Test
    void whitespaceDoesNotMakeADifferentRequest() {
        assertEquals(
                key("caller:a", call("The  river\n festival.", 0)),
                key("caller:a", call(" The river festival. ", 0)));
    }

    @Test
    void callersModelsSettingsAndPromptVersionsDoNot() {
        String base = key("caller:a", call("The river festival.", 0));
        assertNotEquals(base, key("caller:b", call("The river festival.", 0)));
        assertNotEquals(base, key("caller:a", call("The river festival.", 0.5)));
        assertNotEquals(
                base,
                CacheKeys.forCall("caller:a", "summarize", "2", call("The river festival.", 0)));
        ModelSpec lite =
                new ModelSpec(
                        "nova-lite",
                        "us.amazon.nova-lite-v1:0",
                        "amazon",
                        5120,
                        300000,
                        NOVA.capabilities());
        ModelCall other =
                new ModelCall(
                        lite,
                        Optional.of("Summarize."),
                        List.of(ChatMessage.user("The river festival.")),
                        call("x", 0).inference());
        assertNotEquals(base, key("caller:a", other));
    }

    @Test
    void aGuardrailChangesTheKeyButCachePointsDoNot() {
        ModelCall plain = call("The river festival.", 0);
        assertNotEquals(
                key("*", plain),
                key("*", plain.withGuardrail(new GuardrailConfig("g1", "1", false, false))));
        assertEquals(
                key("*", plain), key("*", plain.withCachePoints(new CachePoints(true, false, -1))));
    }

    @Test
    void invokeBodiesAreComparedWithSortedKeys() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals(
                CacheKeys.forInvoke(
                        "*", "1", "m", json.readTree("{\"a\": 1, \"b\": {\"y\": 2, \"x\": 3}}")),
                CacheKeys.forInvoke(
                        "*", "1", "m", json.readTree("{\"b\": {\"x\": 3, \"y\": 2}, \"a\": 1}")));
        assertNotEquals(
                CacheKeys.forInvoke("*", "1", "m", json.readTree("{\"a\": 1}")),
                CacheKeys.forInvoke("*", "1", "m", json.readTree("{\"a\": 2}")));
    }
}
