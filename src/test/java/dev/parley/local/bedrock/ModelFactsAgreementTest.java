package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.bedrock.FeatureMatrix;
import dev.parley.modelcall.ModelFeatures;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Parley's feature matrix and the emulator's own model facts must say the same about every
 * model: each is a belief about Bedrock, taken from AWS separately, and a difference means one of
 * them is wrong. The failure lists every disagreement with the value on each side; fix the side
 * that AWS's page (named in both files) contradicts.
 */
class ModelFactsAgreementTest {

    @Test
    void everyModelOfOneSideIsOnTheOther() {
        TreeSet<String> parley = new TreeSet<>(ids(FeatureMatrix.load().all()).keySet());
        TreeSet<String> emulator = new TreeSet<>(ids(ModelFacts.load()).keySet());
        assertEquals(parley, emulator, "models in Parley's matrix vs models the emulator knows");
    }

    @Test
    void parleysMatrixAndTheEmulatorsFactsAgreeOnEveryFact() throws Exception {
        Map<String, ModelFeatures> parley = ids(FeatureMatrix.load().all());
        Map<String, ModelFeatures> emulator = ids(ModelFacts.load());
        List<String> disagreements = new ArrayList<>();
        for (Map.Entry<String, ModelFeatures> row : parley.entrySet()) {
            ModelFeatures facts = emulator.get(row.getKey());
            if (facts == null) {
                continue;
            }
            for (RecordComponent component : ModelFeatures.class.getRecordComponents()) {
                Object mine = component.getAccessor().invoke(row.getValue());
                Object theirs = component.getAccessor().invoke(facts);
                if (!mine.equals(theirs)) {
                    disagreements.add(
                            row.getKey()
                                    + " "
                                    + component.getName()
                                    + ": Parley's matrix says "
                                    + mine
                                    + ", the emulator's facts say "
                                    + theirs);
                }
            }
        }
        assertTrue(
                disagreements.isEmpty(),
                disagreements.size() + " disagreements:\n" + String.join("\n", disagreements));
    }

    @Test
    void everyFactGroupNamesItsAwsSource() throws Exception {
        try (InputStream in =
                ModelFacts.class.getClassLoader().getResourceAsStream(ModelFacts.RESOURCE)) {
            JsonNode models = Json.MAPPER.readTree(in).path("models");
            assertTrue(models.size() > 0);
            for (JsonNode model : models) {
                for (String group : ModelFacts.GROUPS) {
                    String source = model.path(group).path("source").asText("");
                    assertTrue(
                            source.length() > 10,
                            model.path("id").asText() + " " + group + ": " + source);
                }
            }
        }
    }

    @Test
    void aDisagreementIsReported() throws Exception {
        // The comparison itself can fail: one changed limit is one disagreement, named.
        ModelFeatures row = ModelFacts.load().get(0);
        ModelFeatures changed =
                new ModelFeatures(
                        row.id(),
                        row.name(),
                        row.provider(),
                        row.maxOutputTokens() + 1,
                        row.contextTokens(),
                        row.profileOnly(),
                        row.converse(),
                        row.converseStream(),
                        row.system(),
                        row.documents(),
                        row.vision(),
                        row.tools(),
                        row.streamingTools(),
                        row.guardrails(),
                        row.promptCache(),
                        row.promptCacheMinTokens(),
                        row.promptCacheMaxTokens(),
                        row.promptCacheInTools(),
                        row.promptCacheLongTtl(),
                        row.reasoning(),
                        row.oneSamplingParameter(),
                        row.defaultSamplingOnly(),
                        row.toolChoice(),
                        row.lifecycle());
        List<String> differing = new ArrayList<>();
        for (RecordComponent component : ModelFeatures.class.getRecordComponents()) {
            if (!component
                    .getAccessor()
                    .invoke(row)
                    .equals(component.getAccessor().invoke(changed))) {
                differing.add(component.getName());
            }
        }
        assertEquals(List.of("maxOutputTokens"), differing);
    }

    private static Map<String, ModelFeatures> ids(List<ModelFeatures> rows) {
        return rows.stream()
                .collect(
                        Collectors.toMap(
                                ModelFeatures::id, Function.identity(), (a, b) -> a, TreeMap::new));
    }
}
