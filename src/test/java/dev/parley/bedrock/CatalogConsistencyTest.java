package dev.parley.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.modelcall.ModelFeatures;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The catalog (application.properties), the feature matrix and the template's Bedrock IAM
 * statements cannot disagree: every catalog model has a matrix row and is called the way Bedrock
 * serves it, and the policy allows exactly the catalog's models, no more and no fewer.
 */
class CatalogConsistencyTest {
    private static final Pattern CATALOG_ID =
            Pattern.compile("parley\\.models\\.catalog\\.([a-z0-9-]+)\\.id");
    private static final Pattern SID = Pattern.compile("^\\s*- Sid: (\\w+)\\s*$");

    /** "- !Sub arn:..." or, narrowed by AllowedModels, "- !If [ServesAlias, !Sub "arn:...", !Ref AWS::NoValue]". */
    private static final Pattern ARN =
            Pattern.compile(
                    "^\\s*- (?:!If \\[Serves\\w+, )?!Sub \"?(arn:\\$\\{AWS::Partition}:bedrock:[^\\s\"]+)\"?(?:, !Ref AWS::NoValue])?\\s*$");

    private static final String PROFILE =
            "arn:${AWS::Partition}:bedrock:${AWS::Region}:${AWS::AccountId}:inference-profile/";

    /** alias → model id, in file order. */
    static Map<String, String> catalog() throws IOException {
        Properties properties = new Properties();
        try (Reader reader =
                Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        Map<String, String> catalog = new LinkedHashMap<>();
        for (String line :
                Files.readAllLines(Path.of("src/main/resources/application.properties"))) {
            Matcher m = CATALOG_ID.matcher(line);
            if (m.lookingAt()) {
                catalog.put(m.group(1), properties.getProperty(m.group(0)));
            }
        }
        return catalog;
    }

    /** The resource ARNs of each Bedrock statement of the template (Resource lists and profile conditions). */
    static Map<String, Set<String>> statements() throws IOException {
        return statements("InvokeCatalog");
    }

    /** The resource ARNs of the template's statements whose Sid starts with {@code sidPrefix}. */
    static Map<String, Set<String>> statements(String sidPrefix) throws IOException {
        Map<String, Set<String>> bySid = new LinkedHashMap<>();
        String sid = null;
        for (String line : Files.readAllLines(Path.of("template.yaml"))) {
            Matcher s = SID.matcher(line);
            if (s.matches()) {
                sid = s.group(1);
                continue;
            }
            Matcher a = ARN.matcher(line);
            if (sid != null && sid.startsWith(sidPrefix) && a.matches()) {
                bySid.computeIfAbsent(sid, k -> new TreeSet<>()).add(a.group(1));
            }
        }
        return bySid;
    }

    @Test
    void everyCatalogModelHasAMatrixRowAndIsCalledAsBedrockServesIt() throws IOException {
        FeatureMatrix matrix = FeatureMatrix.load();
        for (Map.Entry<String, String> entry : catalog().entrySet()) {
            ModelFeatures row =
                    matrix.find(entry.getValue())
                            .orElseThrow(
                                    () ->
                                            new AssertionError(
                                                    entry
                                                            + " has no row in "
                                                            + FeatureMatrix.RESOURCE));
            boolean viaProfile = FeatureMatrix.profilePrefix(entry.getValue()).isPresent();
            assertTrue(
                    viaProfile || !row.profileOnly(),
                    entry + ": Bedrock serves " + row.id() + " only through an inference profile");
        }
    }

    @Test
    void theIamPolicyAllowsExactlyTheCatalogsModels() throws IOException {
        Set<String> profiles = new TreeSet<>();
        Set<String> behindProfiles = new TreeSet<>();
        Set<String> global = new TreeSet<>();
        Set<String> inRegion = new TreeSet<>();
        for (String id : catalog().values()) {
            String base = FeatureMatrix.baseModelId(id);
            if (FeatureMatrix.profilePrefix(id).isEmpty()) {
                inRegion.add(
                        "arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/" + base);
                continue;
            }
            profiles.add(PROFILE + id);
            behindProfiles.add("arn:${AWS::Partition}:bedrock:*::foundation-model/" + base);
            if (id.startsWith("global.")) {
                global.add("arn:${AWS::Partition}:bedrock:::foundation-model/" + base);
                global.add(PROFILE + id);
            }
        }
        Map<String, Set<String>> policy = statements();
        assertEquals(profiles, policy.get("InvokeCatalogInferenceProfiles"));
        assertEquals(behindProfiles, policy.get("InvokeCatalogFoundationModelsThroughProfiles"));
        assertEquals(global, policy.get("InvokeCatalogGlobalFoundationModels"));
        assertEquals(
                inRegion, policy.getOrDefault("InvokeCatalogInRegionFoundationModels", Set.of()));
        assertEquals(
                Set.of(
                        "InvokeCatalogInferenceProfiles",
                        "InvokeCatalogFoundationModelsThroughProfiles",
                        "InvokeCatalogGlobalFoundationModels",
                        "InvokeCatalogInRegionFoundationModels"),
                policy.keySet());
    }

    /** The embeddings catalog (on-demand, in-Region foundation models) and its own statement agree too. */
    @Test
    void theIamPolicyAllowsExactlyTheEmbeddingCatalogsModels() throws IOException {
        Pattern embeddingId =
                Pattern.compile("parley\\.embeddings\\.catalog\\.[a-z0-9-]+\\.id=(\\S+)");
        Set<String> expected = new TreeSet<>();
        for (String line :
                Files.readAllLines(Path.of("src/main/resources/application.properties"))) {
            Matcher m = embeddingId.matcher(line);
            if (m.matches()) {
                expected.add(
                        "arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/"
                                + m.group(1));
            }
        }
        assertFalse(expected.isEmpty());
        assertEquals(Map.of("InvokeEmbeddingModels", expected), statements("InvokeEmbedding"));
    }

    /** A deploy cannot pick a default model whose end of life is announced (legacy or retired). */
    @Test
    void theDefaultModelParameterOffersTheCatalogsAliasesWithNoEndOfLife() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("template.yaml"));
        int at = lines.indexOf("  DefaultModel:");
        assertFalse(at < 0, "template.yaml has a DefaultModel parameter");
        List<String> allowed = new ArrayList<>();
        int i = at + 1;
        while (!lines.get(i).trim().equals("AllowedValues:")) {
            i++;
        }
        for (i++; lines.get(i).trim().startsWith("- "); i++) {
            allowed.add(lines.get(i).trim().substring(2));
        }
        FeatureMatrix matrix = FeatureMatrix.load();
        List<String> withoutEndOfLife =
                catalog().entrySet().stream()
                        .filter(
                                entry ->
                                        matrix.find(entry.getValue())
                                                .orElseThrow()
                                                .lifecycle()
                                                .eolDates()
                                                .isEmpty())
                        .map(Map.Entry::getKey)
                        .toList();
        assertTrue(withoutEndOfLife.contains("nova-micro"));
        assertFalse(withoutEndOfLife.contains("claude-3-7-sonnet"));
        assertEquals(withoutEndOfLife, allowed);
    }
}
