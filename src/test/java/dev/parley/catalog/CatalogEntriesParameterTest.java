package dev.parley.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Lambda;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same entries as {@link CatalogArnEntriesTest} (an application inference profile, a prompt
 * router, a model the matrix does not know, the profile's prices), given the way a deployed stack
 * gives them: one setting, {@code parley.catalog.entries} (template.yaml's {@code CatalogEntries}
 * parameter, {@code PARLEY_CATALOG_ENTRIES}), items separated by {@code ;}. Every test of
 * CatalogArnEntriesTest runs again against this configuration: the entries are called, priced and
 * allowed.
 */
@QuarkusTest
@TestProfile(CatalogEntriesParameterTest.Profile.class)
class CatalogEntriesParameterTest extends CatalogArnEntriesTest {

    /** What an operator passes as the CatalogEntries stack parameter. */
    static final String CATALOG_ENTRIES =
            String.join(
                    ";",
                    "parley.models.catalog.team-sonnet.id=" + PROFILE_ARN,
                    "parley.models.catalog.team-sonnet.like=claude-sonnet-4-6",
                    "parley.models.catalog.team-router.id=" + ROUTER_ARN,
                    "parley.models.catalog.team-router.like=anthropic.claude-haiku-4-5-20251001-v1:0",
                    "parley.models.catalog.brand-new.id=mistral.brand-new-model-v1:0",
                    "parley.usage.prices.team-sonnet.input=3.00",
                    "parley.usage.prices.team-sonnet.output=15.00",
                    // A model declaring what it can do: the list keeps its commas.
                    "parley.models.catalog.declared.id=mistral.declared-model-v1:0",
                    "parley.models.catalog.declared.capabilities=system,streaming,tools",
                    "parley.models.catalog.declared.max-output-tokens=8192",
                    "parley.models.catalog.declared.provider=acme");

    @Test
    void aModelDeclaringItsCapabilitiesIsListedWithThem() {
        JsonNode model = Lambda.get("/v1/models/declared").body();
        assertEquals("acme", model.path("provider").asText(), model.toString());
        assertTrue(model.at("/capabilities/tools").asBoolean(false), model.toString());
        assertFalse(model.at("/capabilities/vision").asBoolean(true), model.toString());
        assertEquals(8192, model.path("maxOutputTokens").asInt(), model.toString());
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(CatalogEntriesSource.PROPERTY, CATALOG_ENTRIES);
        }
    }
}
