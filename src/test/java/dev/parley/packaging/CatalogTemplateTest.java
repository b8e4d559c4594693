package dev.parley.packaging;

import static dev.parley.packaging.TemplateContractTest.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml's catalog resources: the daily schedule sends the task the function knows (the same
 * event as events/catalog-refresh.json), the role may make the refresh's control-plane reads, the
 * alarms watch metrics the code publishes, and catalog entries configured by ARN (an application
 * inference profile, a prompt router) (CatalogEntries, CatalogModelIds) reach both functions and bring their own IAM statements.
 */
class CatalogTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Map<String, Object> template;

    @BeforeAll
    static void load() throws IOException {
        template =
                TemplateContractTest.CloudFormationYaml.load(
                        Files.readString(Path.of("template.yaml")));
    }

    private static Map<String, Object> resource(String name) {
        Map<String, Object> resource = map(map(template.get("Resources")).get(name));
        assertNotNull(resource, name);
        return resource;
    }

    private static Map<String, Object> properties(String name) {
        return map(resource(name).get("Properties"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(String policy) {
        return (List<Map<String, Object>>)
                map(properties(policy).get("PolicyDocument")).get("Statement");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of(value);
    }

    @Test
    void theDailyScheduleSendsTheCatalogRefreshTaskToTheFunctionsAlias() throws IOException {
        Map<String, Object> schedule = properties("CatalogRefreshSchedule");
        assertEquals("rate(1 day)", schedule.get("ScheduleExpression"));
        Map<String, Object> target = map(list(schedule.get("Targets")).get(0));
        assertEquals(Map.of("Ref", "ParleyFunction.Alias"), target.get("Arn"));
        assertEquals(
                JSON.readTree(Files.readString(Path.of("events", "catalog-refresh.json"))),
                JSON.readTree((String) target.get("Input")),
                "the sample event is what the schedule sends");
        Map<String, Object> permission = properties("CatalogRefreshInvokePermission");
        assertEquals("events.amazonaws.com", permission.get("Principal"));
        assertEquals(
                Map.of("Fn::GetAtt", List.of("CatalogRefreshSchedule", "Arn")),
                permission.get("SourceArn"));
        assertEquals(Map.of("Ref", "ParleyFunction.Alias"), permission.get("FunctionName"));
    }

    @Test
    void theFunctionMayMakeTheRefreshsControlPlaneReads() {
        List<Object> actions = list(statements("CatalogRefreshPolicy").get(0).get("Action"));
        assertEquals(
                List.of(
                        "bedrock:ListFoundationModels",
                        "bedrock:ListInferenceProfiles",
                        "bedrock:GetFoundationModelAvailability"),
                actions);
        assertTrue(
                list(properties("ParleyFunction").get("Policies"))
                        .contains(Map.of("Ref", "CatalogRefreshPolicy")));
    }

    @Test
    void theAlarmsWatchMetricsTheCodePublishes() throws IOException {
        String metrics = Files.readString(Path.of("src/main/java/dev/parley/metrics/Metrics.java"));
        for (String alarm :
                List.of("CatalogModelsNeedingAttentionAlarm", "CatalogRefreshFailuresAlarm")) {
            String metric = (String) properties(alarm).get("MetricName");
            assertTrue(
                    metrics.contains("\"" + metric + "\""),
                    alarm + " watches " + metric + ", which Metrics does not emit");
            assertEquals(
                    properties("CatalogModelsNeedingAttentionAlarm").get("Namespace"),
                    properties(alarm).get("Namespace"));
        }
    }

    @Test
    void entriesAddedByParametersReachBothFunctionsAndBringTheirOwnStatements() {
        Map<String, Object> parameters = map(template.get("Parameters"));
        assertEquals("", map(parameters.get("CatalogEntries")).get("Default"), "none by default");
        assertEquals("", map(parameters.get("CatalogModelIds")).get("Default"), "none by default");
        assertEquals(
                "HasCatalogEntriesAccess",
                resource("CatalogEntriesAccessPolicy").get("Condition"),
                "no entries, no statement");
        Map<String, Object> policyIf =
                Map.of(
                        "Fn::If",
                        List.of(
                                "HasCatalogEntriesAccess",
                                Map.of("Ref", "CatalogEntriesAccessPolicy"),
                                Map.of("Ref", "AWS::NoValue")));
        Map<String, Object> hook = map(properties("ParleyDeployHook").get("Config"));
        for (String function : List.of("ParleyFunction", "ParleyStreamFunction")) {
            assertTrue(list(properties(function).get("Policies")).contains(policyIf), function);
            Map<String, Object> variables =
                    map(map(properties(function).get("Environment")).get("Variables"));
            assertEquals(
                    Map.of(
                            "Fn::If",
                            List.of(
                                    "HasCatalogEntries",
                                    Map.of("Ref", "CatalogEntries"),
                                    Map.of("Ref", "AWS::NoValue"))),
                    variables.get("PARLEY_CATALOG_ENTRIES"),
                    function + " reads the entries (parley.catalog.entries)");
            assertEquals(
                    Map.of("Ref", "CatalogEntries"),
                    map(hook.get(function)).get("CatalogEntries"),
                    "a change of entries alone republishes " + function);
        }
        // Each statement is behind the condition naming what it allows (the exact resources per
        // parameter set: template_versions_test.CatalogEntriesBringExactlyTheirIam).
        List<String> conditions =
                statements("CatalogEntriesAccessPolicy").stream()
                        .map(s -> (String) list(s.get("Fn::If")).get(0))
                        .toList();
        assertEquals(
                List.of(
                        "CatalogEntriesNameApplicationProfiles",
                        "CatalogEntriesNamePromptRouters",
                        "HasCatalogModelIds"),
                conditions);
        List<Object> profiles =
                list(
                        map(list(statements("CatalogEntriesAccessPolicy").get(0).get("Fn::If"))
                                        .get(1))
                                .get("Resource"));
        assertTrue(
                profiles.stream()
                        .anyMatch(
                                r ->
                                        matches(
                                                r,
                                                "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6",
                                                "us-east-1",
                                                "123456789012")));
        assertTrue(
                profiles.stream()
                        .noneMatch(
                                r ->
                                        matches(
                                                r,
                                                "arn:aws:bedrock:us-east-1:999999999999:application-inference-profile/other",
                                                "us-east-1",
                                                "123456789012")),
                "another account's profiles are not allowed");
    }

    /** Whether an IAM resource (a {@code !Sub} with the pseudo parameters) matches {@code arn}. */
    private static boolean matches(Object resource, String arn, String region, String account) {
        String pattern =
                ((String) map(resource).get("Fn::Sub"))
                        .replace("${AWS::Partition}", "aws")
                        .replace("${AWS::Region}", region)
                        .replace("${AWS::AccountId}", account);
        String regex = Pattern.quote(pattern).replace("*", "\\E.*\\Q");
        return arn.matches(regex);
    }
}
