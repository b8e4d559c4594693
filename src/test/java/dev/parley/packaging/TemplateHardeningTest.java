package dev.parley.packaging;

import static dev.parley.packaging.TemplateContractTest.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml as a production review reads it (issue 30): IAM, logging, alarms, capacity and data
 * lifecycle. Each test names the review point it guards; docs/production-checklist.md lists them.
 */
class TemplateHardeningTest {
    private static Map<String, Object> template;
    private static String text;

    @BeforeAll
    static void load() throws IOException {
        text = Files.readString(Path.of("template.yaml"));
        template = TemplateContractTest.CloudFormationYaml.load(text);
    }

    // ---- IAM
    // -------------------------------------------------------------------------------------

    @Test
    void marketplaceSubscriptionIsOffByDefaultAndInItsOwnConditionalPolicy() {
        assertEquals("false", parameter("MarketplaceSubscribeOnFirstUse").get("Default"));
        Map<String, Object> policy = resource("MarketplaceFirstUsePolicy");
        assertEquals("AllowMarketplaceFirstUse", policy.get("Condition"));
        assertFalse(
                text(resource("CatalogModelAccessPolicy")).contains("aws-marketplace"),
                "the model policy grants no Marketplace action");
        for (String function : List.of("ParleyFunction", "ParleyStreamFunction")) {
            assertTrue(
                    properties(function)
                            .get("Policies")
                            .toString()
                            .contains(
                                    "{Fn::If=[AllowMarketplaceFirstUse, {Ref=MarketplaceFirstUsePolicy}, {Ref=AWS::NoValue}]}"),
                    function);
        }
    }

    @Test
    void theAuthorizersHaveTheirOwnFunctionWithNoDataRights() {
        Map<String, Object> authorizer = properties("ParleyAuthorizerFunction");
        assertEquals(
                null, authorizer.get("Policies"), "only SAM's basic execution role: its log group");
        assertTrue(
                text(resource("ParleyWebSocketAuthorizer"))
                        .contains("${ParleyAuthorizerFunction.Alias}"));
        assertTrue(
                text(resource("ParleyStreamingApi")).contains("${ParleyAuthorizerFunction.Alias}"));
        // The WebSocket $connect: the authorizer function with AuthMode=JWT; with API keys,
        // ParleyFunction,
        // which verifies a key as on every HTTP route (it reads the key items).
        assertEquals(
                Map.of(
                        "Fn::If",
                        List.of(
                                "UseJwt",
                                Map.of("Ref", "ParleyAuthorizerFunction.Alias"),
                                Map.of("Ref", "ParleyFunction.Alias"))),
                props(resource("ParleyWebSocketAuthorizerPermission")).get("FunctionName"));
        assertEquals(
                Map.of("Ref", "ParleyAuthorizerFunction.Alias"),
                props(resource("ParleyStreamingAuthorizerPermission")).get("FunctionName"));
        // The JWT settings reach the authorizer only.
        Map<String, Object> globals =
                map(
                        map(map(map(template.get("Globals")).get("Function")).get("Environment"))
                                .get("Variables"));
        assertFalse(globals.containsKey("PARLEY_AUTH_JWT_ISSUER"), globals.keySet().toString());
        assertFalse(
                properties("ParleyFunction").get("Description").toString().contains("authorizer"));
    }

    @Test
    void theResponsesReasoningSecretIsGeneratedAndReadByTheFunctionsThatServeResponses() {
        Map<String, Object> secret = props(resource("ReasoningSecret"));
        assertEquals("AWS::SecretsManager::Secret", resource("ReasoningSecret").get("Type"));
        assertNotNull(
                secret.get("GenerateSecretString"), "generated at deploy, never in the template");
        for (String function : List.of("ParleyFunction", "ParleyStreamFunction")) {
            Map<String, Object> variables =
                    map(map(properties(function).get("Environment")).get("Variables"));
            assertEquals(
                    Map.of("Ref", "ReasoningSecret"),
                    variables.get("PARLEY_RESPONSES_REASONING_SECRET_ARN"),
                    function);
            assertTrue(
                    text(properties(function).get("Policies"))
                            .contains(
                                    "Sid=ReadReasoningSecret, Effect=Allow, Action=secretsmanager:GetSecretValue, Resource={Ref=ReasoningSecret}"),
                    function);
        }
        assertFalse(text(properties("ParleyDocumentsFunction")).contains("ReasoningSecret"));
    }

    @Test
    void s3MayInvokeTheDocumentsFunctionForThisStacksBucketOnly() {
        Map<String, Object> permission = props(resource("DocumentsUploadPermission"));
        assertEquals("s3.amazonaws.com", permission.get("Principal"));
        assertEquals(Map.of("Ref", "AWS::AccountId"), permission.get("SourceAccount"));
        assertTrue(
                text(permission.get("SourceArn"))
                        .contains("arn:${AWS::Partition}:s3:::parley-documents-"),
                text(permission.get("SourceArn")));
        assertEquals("DocumentsUploadPermission", resource("DocumentsBucket").get("DependsOn"));
        boolean samS3Event =
                text(properties("ParleyDocumentsFunction").get("Events")).contains("Type=S3");
        assertFalse(samS3Event, "SAM's S3 event would add a permission without SourceArn");
    }

    // ---- versions and deployments (the translation itself: SamTranslationTest) -----------------

    @Test
    void everyFunctionDescribesItsVersionWithItsConfiguration() {
        functions()
                .forEach(
                        (name, properties) -> {
                            Object description = properties.get("VersionDescription");
                            assertNotNull(
                                    description,
                                    name
                                            + " needs a VersionDescription (a parameter change must publish a version)");
                            assertTrue(
                                    names(description.toString(), "LogLevel"),
                                    name + ": " + description);
                        });
        // Enumerated parameters appear coded (Mappings Code, AuthMode by its conditions) to fit 256
        // characters.
        String stream = properties("ParleyStreamFunction").get("VersionDescription").toString();
        for (String parameter :
                List.of(
                        "DefaultModel",
                        "StreamTimeout",
                        "MetricsNamespace",
                        "DailyTokenBudget",
                        "GuardrailMode",
                        "ResponseCache")) {
            assertTrue(names(stream, parameter), parameter + " in " + stream);
        }
        assertTrue(
                stream.contains("UseJwtAndKeys") && stream.contains("UseKeys"),
                "AuthMode in " + stream);
        // Settings too long for 256 characters (JWT_AND_KEYS's JWT settings, the CORS origins) ride
        // in as the deploy hook's digest of them (template_versions_test checks the translation).
        assertTrue(
                stream.contains("{Fn::GetAtt=[ParleyDeployHook, ParleyStreamFunctionDigest]}"),
                stream);
        String api = properties("ParleyFunction").get("VersionDescription").toString();
        assertTrue(api.contains("{Fn::GetAtt=[ParleyDeployHook, ParleyFunctionDigest]}"), api);
        for (String parameter : List.of("Stage", "XRayTracing")) {
            assertTrue(names(api, parameter), parameter + " in " + api);
        }
        String authorizer =
                properties("ParleyAuthorizerFunction").get("VersionDescription").toString();
        for (String parameter : List.of("JwtIssuer", "JwtAudience", "JwksUrl")) {
            assertTrue(
                    authorizer.contains("${" + parameter + "}"), parameter + " in " + authorizer);
        }
    }

    /** The description's !Sub names the parameter, directly or through a variable (a coded value). */
    private static boolean names(String sub, String parameter) {
        return sub.contains("${" + parameter + "}") || sub.contains("{Ref=" + parameter + "}");
    }

    @Test
    void theStreamingStagePointsAtTheDeploymentOfTheCurrentAuthorizerAndCors() {
        assertEquals("AWS::ApiGateway::RestApi", resource("ParleyStreamingApi").get("Type"));
        String deployment =
                props(resource("ParleyStreamingApiStage")).get("DeploymentId").toString();
        Set<String> deployments = new TreeSet<>();
        resources()
                .forEach(
                        (name, r) -> {
                            if ("AWS::ApiGateway::Deployment".equals(r.get("Type"))) {
                                deployments.add(name);
                                assertTrue(
                                        deployment.contains("Ref=" + name),
                                        name + " is the stage's for its condition");
                                assertTrue(
                                        r.get("Condition").toString().startsWith("Streaming"),
                                        name);
                            }
                        });
        assertEquals(4, deployments.size(), deployments.toString());
    }

    // ---- capacity and spend
    // ----------------------------------------------------------------------

    @Test
    void theStreamAndApiFunctionsHaveAConcurrencyCeiling() {
        assertEquals(
                Map.of(
                        "Fn::If",
                        List.of(
                                "ReserveStreamConcurrency",
                                Map.of("Ref", "StreamReservedConcurrency"),
                                Map.of("Ref", "AWS::NoValue"))),
                properties("ParleyStreamFunction").get("ReservedConcurrentExecutions"));
        assertEquals(
                Map.of(
                        "Fn::If",
                        List.of(
                                "ReserveApiConcurrency",
                                Map.of("Ref", "ApiReservedConcurrency"),
                                Map.of("Ref", "AWS::NoValue"))),
                properties("ParleyFunction").get("ReservedConcurrentExecutions"));
        assertTrue(
                Integer.parseInt(parameter("StreamReservedConcurrency").get("Default").toString())
                        > 0,
                "streams are capped by default");
    }

    @Test
    void aSpendAlarmWatchesTheTokensOfEveryCaller() {
        String alarm = text(resource("HourlyTokensAlarm"));
        assertTrue(alarm.contains("InputTokens") && alarm.contains("OutputTokens"), alarm);
        assertEquals(
                Map.of("Ref", "HourlyTokenAlarmThreshold"),
                props(resource("HourlyTokensAlarm")).get("Threshold"));
    }

    // ---- logging
    // ---------------------------------------------------------------------------------

    @Test
    void functionsLogJsonAndEveryStageWritesAccessLogs() {
        functions()
                .forEach(
                        (name, properties) ->
                                assertEquals(
                                        "JSON",
                                        map(properties.get("LoggingConfig")).get("LogFormat"),
                                        name));
        assertTrue(
                props(resource("ParleyWebSocketStage"))
                        .get("AccessLogSettings")
                        .toString()
                        .contains("ParleyWebSocketAccessLogGroup"));
        assertTrue(
                props(resource("ParleyStreamingApiStage"))
                        .get("AccessLogSetting")
                        .toString()
                        .contains("ParleyStreamingAccessLogGroup"));
        assertEquals(
                "CREATE", parameter("AccessLogsRole").get("Default"), "access logs on by default");
        assertEquals(
                "Retain",
                resource("ApiGatewayAccount").get("DeletionPolicy"),
                "the account-wide setting outlives the stack");
    }

    // ---- alarms
    // ----------------------------------------------------------------------------------

    @Test
    void theMissingAlarmsExistAndEveryAlarmNotifiesTheTopic() {
        for (String alarm :
                List.of(
                        "DocumentsFailedDeadLetterQueueAlarm",
                        "StreamingApi5xxAlarm",
                        "WebSocketErrorsAlarm",
                        "StreamFunctionDurationAlarm",
                        "AsyncEventsDroppedAlarm",
                        "DestinationDeliveryFailuresAlarm",
                        "HourlyTokensAlarm")) {
            assertNotNull(resources().get(alarm), alarm);
        }
        List<String> silent = new ArrayList<>();
        resources()
                .forEach(
                        (name, r) -> {
                            if ("AWS::CloudWatch::Alarm".equals(r.get("Type"))
                                    && !props(r).containsKey("AlarmActions")) {
                                silent.add(name);
                            }
                        });
        assertEquals(List.of(), silent);
        assertTrue(
                text.contains("AlarmsNotifySomeone:"),
                "a stack with an authorizer must name an alarm target");
    }

    @Test
    void parleysMetricsAreReadFromTheStacksOwnNamespace() {
        assertEquals("", parameter("MetricsNamespace").get("Default"));
        String namespace =
                "{Fn::If=[HasMetricsNamespace, {Ref=MetricsNamespace}, {Fn::Sub=Parley/${AWS::StackName}}]}";
        Map<String, Object> globals =
                map(
                        map(map(map(template.get("Globals")).get("Function")).get("Environment"))
                                .get("Variables"));
        assertEquals(namespace, globals.get("PARLEY_METRICS_NAMESPACE").toString());
        resources()
                .forEach(
                        (name, r) -> {
                            String alarm = text(r);
                            if ("AWS::CloudWatch::Alarm".equals(r.get("Type"))
                                    && !alarm.contains("AWS/")) {
                                assertTrue(
                                        alarm.contains(namespace),
                                        name
                                                + " reads Parley's metrics from the stack's namespace");
                            }
                        });
        assertFalse(
                text(resource("ParleyDashboard")).contains("\"Parley\""),
                "the dashboard follows the namespace");
    }

    // ---- data lifecycle
    // ----------------------------------------------------------------------------

    @Test
    void uploadsAndSummariesExpireWithTheRetentionParameter() {
        Map<String, Map<String, Object>> rules = new LinkedHashMap<>();
        List<?> list =
                (List<?>)
                        map(props(resource("DocumentsBucket")).get("LifecycleConfiguration"))
                                .get("Rules");
        list.forEach(rule -> rules.put(map(rule).get("Id").toString(), map(rule)));
        for (String prefix : List.of("uploads/", "summaries/")) {
            Map<String, Object> rule =
                    rules.values().stream()
                            .filter(r -> prefix.equals(r.get("Prefix")))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new AssertionError(
                                                    "no rule for "
                                                            + prefix
                                                            + " in "
                                                            + rules.keySet()));
            assertEquals(Map.of("Ref", "RetentionDays"), rule.get("ExpirationInDays"), prefix);
        }
    }

    @Test
    void aDeadLetterQueueKeepsMessagesLongerThanItsSourceQueue() {
        Map<String, String> deadLetters =
                Map.of(
                        "DocumentsFailedQueue",
                        "DocumentsFailedDeadLetterQueue",
                        "StreamFailedQueue",
                        "StreamFailedDeadLetterQueue");
        deadLetters.forEach(
                (queue, deadLetter) -> {
                    int source =
                            Integer.parseInt(
                                    props(resource(queue))
                                            .get("MessageRetentionPeriod")
                                            .toString());
                    int target =
                            Integer.parseInt(
                                    props(resource(deadLetter))
                                            .get("MessageRetentionPeriod")
                                            .toString());
                    assertTrue(
                            target > source,
                            queue
                                    + " keeps "
                                    + source
                                    + " s, its dead-letter queue "
                                    + target
                                    + " s");
                });
    }

    @Test
    void theTableCannotBeDeletedByAccident() {
        assertEquals(Boolean.TRUE, props(resource("ParleyTable")).get("DeletionProtectionEnabled"));
        assertEquals("Retain", resource("ParleyTable").get("DeletionPolicy"));
    }

    @Test
    void aRegionWithoutTheCatalogsProfilesIsRefused() {
        Map<String, Object> rule =
                map(map(template.get("Rules")).get("RegionHasTheCatalogProfiles"));
        String assertion = rule.toString();
        assertTrue(
                assertion.contains("Ref=AWS::Region") && assertion.contains("us-east-1"),
                assertion);
        assertFalse(rule.containsKey("RuleCondition"), "every deployment is checked");
    }

    // ---- reading the template
    // --------------------------------------------------------------------

    private static Map<String, Map<String, Object>> resources() {
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        map(template.get("Resources")).forEach((name, r) -> resources.put(name, map(r)));
        return resources;
    }

    private static Map<String, Map<String, Object>> functions() {
        Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
        resources()
                .forEach(
                        (name, r) -> {
                            if ("AWS::Serverless::Function".equals(r.get("Type"))) {
                                functions.put(name, props(r));
                            }
                        });
        return functions;
    }

    private static Map<String, Object> resource(String name) {
        Map<String, Object> resource = resources().get(name);
        assertNotNull(resource, name);
        return resource;
    }

    private static Map<String, Object> properties(String function) {
        return props(resource(function));
    }

    private static Map<String, Object> props(Map<String, Object> resource) {
        return map(resource.get("Properties"));
    }

    private static Map<String, Object> parameter(String name) {
        Map<String, Object> parameter = map(map(template.get("Parameters")).get(name));
        assertNotNull(parameter, name);
        return parameter;
    }

    private static String text(Object node) {
        return String.valueOf(node);
    }
}
