package dev.parley.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.auth.OidcDiscovery;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml against the code: every environment variable the template sets is a property the
 * code reads, the parameters' descriptions say what the template and the code do, and the Rules
 * refuse what they must. (cfn-lint, in .ci/run, checks the template against CloudFormation.)
 */
class TemplateContractTest {
    private static Map<String, Object> template;

    /** Environment variables the template sets that are not configuration properties, and who reads them. */
    private static final Map<String, String> NOT_PROPERTIES =
            Map.of(
                    // Quarkus's generated SAM templates set it for native executables on Lambda
                    // (the GraalVM
                    // runtime leaves SIGTERM/SIGINT to Lambda).
                    "DISABLE_SIGNAL_HANDLERS", "Quarkus native runtime",
                    // Read before Quarkus starts (it decides which runtime loop polls):
                    // streaming.StreamFunction.
                    "PARLEY_STREAM_FUNCTION", "streaming.ParleyMain and streaming.StreamFunction",
                    // Lambda's own: the JVM stream function's wrapper script
                    // (src/main/zip.jvm/stream-runtime).
                    "AWS_LAMBDA_EXEC_WRAPPER", "Lambda's java25 runtime",
                    // parley.catalog.entries is read by a configuration source, not a mapping: it
                    // carries other properties (catalog/CatalogEntriesSource).
                    "PARLEY_CATALOG_ENTRIES", "catalog.CatalogEntriesSource",
                    // The JVM's own: the JVM functions' compile threshold (docs/warm-path.md).
                    "JAVA_TOOL_OPTIONS", "the JVM");

    /** Quarkus's own properties the template sets. */
    private static final Set<String> QUARKUS_PROPERTIES =
            Set.of(
                    "quarkus.log.level",
                    // Empty when deployed; set by `sam local invoke --env-vars
                    // events/local-env.json`.
                    "quarkus.dynamodb.endpoint-override",
                    "quarkus.s3.endpoint-override",
                    "quarkus.s3.path-style-access");

    @BeforeAll
    static void load() throws IOException {
        template = CloudFormationYaml.load(Files.readString(Path.of("template.yaml")));
    }

    // ---- environment variables ------------------------------------------------------------------

    @Test
    void everyEnvironmentVariableIsAPropertyTheCodeReads() throws Exception {
        Set<String> properties = CodeProperties.read(Path.of("target", "classes"));
        properties.addAll(QUARKUS_PROPERTIES);
        assertTrue(
                properties.contains("parley.http.require-identity"),
                "the property scan works: " + properties);
        Map<String, Set<String>> variables = environmentVariables();
        assertTrue(variables.size() > 10, variables.toString());
        List<String> unknown = new ArrayList<>();
        variables.forEach(
                (variable, functions) -> {
                    if (!NOT_PROPERTIES.containsKey(variable)
                            && properties.stream().noneMatch(p -> envMatches(p, variable))) {
                        unknown.add(variable + " (set on " + functions + ")");
                    }
                });
        assertEquals(
                List.of(),
                unknown,
                "environment variables no code reads; known properties: " + properties);
    }

    /** SmallRye Config's environment mapping: upper case, every non-alphanumeric character an underscore. */
    static boolean envMatches(String property, String variable) {
        String[] segments = property.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                regex.append("[A-Z0-9_]+");
            }
            regex.append(Pattern.quote(segments[i].toUpperCase().replaceAll("[^A-Z0-9]", "_")));
        }
        return variable.matches(regex.toString());
    }

    /** Variable name to the functions (or Globals) that set it. */
    private static Map<String, Set<String>> environmentVariables() {
        Map<String, Set<String>> variables = new LinkedHashMap<>();
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        map(map(globals.get("Environment")).get("Variables"))
                .keySet()
                .forEach(v -> variables.computeIfAbsent(v, k -> new TreeSet<>()).add("Globals"));
        functions()
                .forEach(
                        (name, properties) -> {
                            Object environment = properties.get("Environment");
                            if (environment != null) {
                                map(map(environment).get("Variables"))
                                        .keySet()
                                        .forEach(
                                                v ->
                                                        variables
                                                                .computeIfAbsent(
                                                                        v, k -> new TreeSet<>())
                                                                .add(name));
                            }
                        });
        return variables;
    }

    // ---- parameters say what the template and the code do
    // ----------------------------------------

    @Test
    void packagingSetsRuntimeHandlerMemoryAndSnapStartAsItsDescriptionSays() throws Exception {
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        List<Object> runtime = ifBranches(globals.get("Runtime"), "IsJvm");
        List<Object> handler = ifBranches(globals.get("Handler"), "IsJvm");
        List<Object> memory = ifBranches(globals.get("MemorySize"), "IsJvm");
        assertEquals(List.of("java25", "provided.al2023"), runtime);
        String description = description("Packaging");
        assertTrue(
                description.contains("runtime provided.al2023, 512 MB (documents 1024 MB)"),
                description);
        assertTrue(
                description.contains(
                        "runtime java25 with Quarkus's QuarkusStreamHandler, 1024 MB (documents 1536 MB)"),
                description);
        assertEquals(List.of(1024, 512), memory);
        assertEquals(
                List.of(1536, 1024),
                ifBranches(functions().get("ParleyDocumentsFunction").get("MemorySize"), "IsJvm"));
        // The JVM handler is Quarkus's stream handler, present with the signature Lambda calls.
        String jvmHandler = (String) handler.get(0);
        String[] classAndMethod = jvmHandler.split("::");
        Class<?> handlerClass = Class.forName(classAndMethod[0]);
        assertEquals(
                "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler", handlerClass.getName());
        assertNotNull(
                handlerClass.getMethod(
                        classAndMethod[1],
                        java.io.InputStream.class,
                        java.io.OutputStream.class,
                        com.amazonaws.services.lambda.runtime.Context.class));
        // SnapStart on published versions for the JVM only (provided.al2023 has none), behind the
        // alias.
        assertEquals(
                Map.of("ApplyOn", "PublishedVersions"),
                ifBranches(globals.get("SnapStart"), "IsJvm").get(0));
        assertTrue(description.contains("SnapStart on published versions"), description);
        assertEquals("live", globals.get("AutoPublishAlias"));
        assertTrue(description.contains("alias \"live\""), description);
        assertEquals(
                Map.of("Fn::Equals", List.of(Map.of("Ref", "Packaging"), "jvm")),
                conditions().get("IsJvm"));
    }

    @Test
    void architectureSetsEveryFunction() {
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        assertEquals(List.of(Map.of("Ref", "Architecture")), globals.get("Architectures"));
        functions()
                .forEach(
                        (name, properties) ->
                                assertFalse(properties.containsKey("Architectures"), name));
        assertEquals(List.of("x86_64", "arm64"), parameter("Architecture").get("AllowedValues"));
    }

    @Test
    void authModeDescriptionMatchesTheAuthorizersAndTheFunction() {
        String description = description("AuthMode").replace('\n', ' ');
        assertEquals("JWT", parameter("AuthMode").get("Default"), "secure by default");
        // $connect goes through the Lambda REQUEST authorizer, not IAM.
        assertTrue(description.contains("Lambda REQUEST authorizer"), description);
        assertFalse(description.contains("IAM") || description.contains("SigV4"), description);
        Map<String, Object> authorizer = resource("ParleyWebSocketAuthorizer");
        assertEquals("REQUEST", map(authorizer.get("Properties")).get("AuthorizerType"));
        assertEquals(
                List.of("route.request.querystring.token"),
                map(authorizer.get("Properties")).get("IdentitySource"));
        assertTrue(description.contains("?token="), description);
        // "the function answers 401 to any other request without an identity" is require-identity.
        Map<String, Object> variables =
                map(
                        map(map(map(template.get("Globals")).get("Function")).get("Environment"))
                                .get("Variables"));
        assertEquals(
                List.of("true", "false"),
                ifBranches(variables.get("PARLEY_HTTP_REQUIRE_IDENTITY"), "RequireIdentity"));
        assertEquals(
                Map.of(
                        "Fn::Not",
                        List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "AuthMode"), "NONE")))),
                map(template.get("Conditions")).get("RequireIdentity"),
                "every AuthMode but NONE requires an identity");
        assertTrue(description.contains("NONE - no authorizer"), description);
        assertTrue(
                description.contains("but GET /v1/health and the $default catch-all"), description);
    }

    @Test
    void everyRouteButHealthAndTheCatchAllHasTheJwtAuthorizer() {
        Map<String, Object> paths =
                map(
                        map(map(resource("ParleyHttpApi").get("Properties")).get("DefinitionBody"))
                                .get("paths"));
        Set<String> secured = new TreeSet<>();
        paths.forEach(
                (path, operations) ->
                        map(operations)
                                .forEach(
                                        (method, operation) -> {
                                            assertEquals(
                                                    List.of(
                                                            List.of(
                                                                    Map.of(
                                                                            "ParleyJwtAuthorizer",
                                                                            List.of())),
                                                            Map.of("Ref", "AWS::NoValue")),
                                                    ifBranches(
                                                            map(operation).get("security"),
                                                            "UseJwt"),
                                                    method + " " + path);
                                            secured.add(
                                                    ("x-amazon-apigateway-any-method".equals(method)
                                                                    ? "ANY"
                                                                    : method.toUpperCase())
                                                            + " "
                                                            + path);
                                        }));
        Set<String> routed = new TreeSet<>();
        map(functions().get("ParleyFunction").get("Events"))
                .values()
                .forEach(
                        event -> {
                            Map<String, Object> properties = map(map(event).get("Properties"));
                            if (properties.containsKey("Path")) {
                                routed.add(properties.get("Method") + " " + properties.get("Path"));
                            }
                        });
        routed.remove("GET /v1/health");
        assertEquals(
                routed,
                secured,
                "a route must be both a function event and, with its security, in the OpenAPI body");
    }

    @Test
    void costlyRouteLimitsApplyToTheRoutesTheirDescriptionNames() {
        String description = description("CostlyRouteRateLimit").replace('\n', ' ');
        Map<String, Object> routeSettings =
                map(map(resource("ParleyHttpApi").get("Properties")).get("RouteSettings"));
        assertEquals(
                Set.of(
                        "POST /v1/chat",
                        "POST /v1/compare",
                        "POST /v1/tools",
                        "ANY /openai/v1/{proxy+}",
                        "ANY /anthropic/v1/{proxy+}",
                        "POST /v1/summarize",
                        "POST /v1/models/{model}/invoke"),
                routeSettings.keySet());
        for (String route : routeSettings.keySet()) {
            assertTrue(description.contains(route), route + " in: " + description);
            assertEquals(
                    Map.of(
                            "ThrottlingBurstLimit",
                            Map.of("Ref", "CostlyRouteBurstLimit"),
                            "ThrottlingRateLimit",
                            Map.of("Ref", "CostlyRouteRateLimit")),
                    routeSettings.get(route));
        }
        Map<String, Object> webSocket =
                map(map(resource("ParleyWebSocketStage").get("Properties")).get("RouteSettings"));
        assertTrue(description.contains("WebSocket chat action"), description);
        assertEquals(
                Map.of(
                        "ThrottlingBurstLimit",
                        Map.of("Ref", "CostlyRouteBurstLimit"),
                        "ThrottlingRateLimit",
                        Map.of("Ref", "CostlyRouteRateLimit")),
                webSocket.get("chat"));
        Map<String, Object> defaults =
                map(map(resource("ParleyHttpApi").get("Properties")).get("DefaultRouteSettings"));
        assertTrue(
                description.contains("other routes allow " + defaults.get("ThrottlingRateLimit")),
                description);
        assertTrue(
                description("CostlyRouteBurstLimit")
                        .contains("other routes allow " + defaults.get("ThrottlingBurstLimit")));
    }

    @Test
    void jwksUrlDefaultsToOidcDiscoveryLikeTheCode() {
        String description = description("JwksUrl").replace('\n', ' ');
        assertTrue(description.contains("{JwtIssuer}" + OidcDiscovery.WELL_KNOWN), description);
        assertEquals("", parameter("JwksUrl").get("Default"));
        Map<String, Object> variables =
                map(
                        map(functions().get("ParleyAuthorizerFunction").get("Environment"))
                                .get("Variables"));
        assertEquals(Map.of("Ref", "JwksUrl"), variables.get("PARLEY_AUTH_JWT_JWKS_URL"));
    }

    @Test
    void chatTurnsAreHandedToTheStreamFunctionWhichHasItsOwnTimeoutAndNoRetries() {
        Map<String, Object> stream = functions().get("ParleyStreamFunction");
        assertEquals(Map.of("Ref", "StreamTimeout"), stream.get("Timeout"));
        Map<String, Object> variables = map(map(stream.get("Environment")).get("Variables"));
        assertEquals(
                Map.of("Fn::Sub", "${StreamTimeout}s"),
                variables.get("PARLEY_BEDROCK_API_CALL_TIMEOUT"));
        assertEquals(
                Map.of("Fn::Sub", "${StreamTimeout}s"),
                variables.get("PARLEY_LAMBDA_FALLBACK_TIMEOUT"));
        assertTrue(description("StreamTimeout").contains("ParleyStreamFunction"));
        assertEquals(900, parameter("StreamTimeout").get("MaxValue"), "Lambda's maximum timeout");
        // The chat route answers at once from ParleyFunction, which hands the turn off.
        Map<String, Object> chatRoute = map(resource("ParleyWebSocketChatRoute").get("Properties"));
        assertEquals(
                Map.of("Fn::Sub", "integrations/${ParleyWebSocketIntegration}"),
                chatRoute.get("Target"));
        assertFalse(map(template.get("Resources")).containsKey("ParleyWebSocketStreamIntegration"));
        assertFalse(
                map(template.get("Resources"))
                        .containsKey("ParleyWebSocketStreamInvokePermission"));
        Map<String, Object> parley = functions().get("ParleyFunction");
        // The alias by name: a reference would make ParleyFunction wait for the stream function's
        // version, which waits for ParleyDeployHook, which runs on ParleyFunction (a cycle).
        assertEquals(
                Map.of("Fn::Sub", "${ParleyStreamFunction.Arn}:live"),
                map(map(parley.get("Environment")).get("Variables"))
                        .get("PARLEY_WEBSOCKET_STREAM_FUNCTION"));
        // lambda:InvokeFunction on the stream function's alias, nothing else.
        List<Map<String, Object>> invokes = new ArrayList<>();
        for (Object policy : (List<?>) parley.get("Policies")) {
            if (policy instanceof Map<?, ?> document
                    && document.get("Statement") instanceof List<?> statements) {
                statements.stream()
                        .map(TemplateContractTest::map)
                        .filter(
                                statement ->
                                        String.valueOf(statement.get("Action")).contains("lambda:"))
                        .forEach(invokes::add);
            }
        }
        assertEquals(1, invokes.size(), invokes.toString());
        assertEquals("lambda:InvokeFunction", invokes.get(0).get("Action"));
        // Both functions post frames only to this API's stage, whatever an event names; the stream
        // function runs /v1/chat's tool loop too, read_document included.
        Map<String, Object> streamVariables = map(map(stream.get("Environment")).get("Variables"));
        assertEquals(
                map(map(parley.get("Environment")).get("Variables"))
                        .get("PARLEY_WEBSOCKET_MANAGEMENT_ENDPOINT"),
                streamVariables.get("PARLEY_WEBSOCKET_MANAGEMENT_ENDPOINT"));
        assertTrue(
                String.valueOf(streamVariables.get("PARLEY_WEBSOCKET_MANAGEMENT_ENDPOINT"))
                        .contains("${ParleyWebSocketApi}"));
        List<Object> streamSids = new ArrayList<>();
        for (Object policy : (List<?>) stream.get("Policies")) {
            if (policy instanceof Map<?, ?> document
                    && document.get("Statement") instanceof List<?> statements) {
                statements.stream()
                        .map(statement -> map(statement).get("Sid"))
                        .forEach(streamSids::add);
            }
        }
        assertTrue(
                streamSids.containsAll(List.of("ReadDocumentTool", "ReadDocumentToolList")),
                streamSids.toString());
        assertEquals(
                Map.of("Fn::Sub", "${ParleyStreamFunction.Arn}:live"),
                invokes.get(0).get("Resource"));
        // A retried stream would run the turn again (a duplicate turn, a second set of frames).
        assertEquals(
                Map.of(
                        "MaximumRetryAttempts",
                        0,
                        "MaximumEventAgeInSeconds",
                        60,
                        "DestinationConfig",
                        Map.of(
                                "OnFailure",
                                Map.of(
                                        "Type",
                                        "SQS",
                                        "Destination",
                                        Map.of(
                                                "Fn::GetAtt",
                                                List.of("StreamFailedQueue", "Arn"))))),
                stream.get("EventInvokeConfig"));
        // What the stream could not report (expired, crashed) reaches ParleyFunction, which posts
        // the error frame.
        Map<String, Object> failures =
                map(resource("ParleyFunctionStreamFailures").get("Properties"));
        assertEquals(Map.of("Ref", "ParleyFunction.Alias"), failures.get("FunctionName"));
        assertEquals(
                Map.of("Fn::GetAtt", List.of("StreamFailedQueue", "Arn")),
                failures.get("EventSourceArn"));
        assertEquals(List.of("ReportBatchItemFailures"), failures.get("FunctionResponseTypes"));
        Map<String, Object> queue = map(resource("StreamFailedQueue").get("Properties"));
        assertEquals(true, queue.get("SqsManagedSseEnabled"));
        assertTrue(
                ((Number) queue.get("VisibilityTimeout")).intValue() >= 6 * 29,
                "at least 6x ParleyFunction's timeout");
        assertEquals(
                Map.of("Fn::GetAtt", List.of("StreamFailedDeadLetterQueue", "Arn")),
                map(queue.get("RedrivePolicy")).get("deadLetterTargetArn"));
        assertEquals(
                true,
                map(resource("StreamFailedDeadLetterQueue").get("Properties"))
                        .get("SqsManagedSseEnabled"));
    }

    @Test
    void webSocketIntegrationAuthorizerAndPermissionsNameTheAlias() {
        String uri =
                (String)
                        map(map(resource("ParleyWebSocketIntegration").get("Properties"))
                                        .get("IntegrationUri"))
                                .get("Fn::Sub");
        assertTrue(uri.contains("${ParleyFunction.Alias}"), uri);
        // AuthMode=JWT: the small authorizer function; with keys, ParleyFunction (it reads the key
        // items).
        String authorizer =
                String.valueOf(
                        map(resource("ParleyWebSocketAuthorizer").get("Properties"))
                                .get("AuthorizerUri"));
        assertTrue(authorizer.contains("${ParleyAuthorizerFunction.Alias}"), authorizer);
        assertTrue(authorizer.contains("${ParleyFunction.Alias}"), authorizer);
        for (String name :
                List.of("ParleyWebSocketAuthorizerPermission", "ParleyWebSocketInvokePermission")) {
            Object function = map(resource(name).get("Properties")).get("FunctionName");
            assertTrue(String.valueOf(function).contains(".Alias"), name + ": " + function);
        }
    }

    @Test
    void documentsConcurrencyZeroMeansNoReservation() {
        assertTrue(description("DocumentsReservedConcurrency").contains("0 - no reservation"));
        assertEquals(
                List.of(
                        Map.of("Ref", "DocumentsReservedConcurrency"),
                        Map.of("Ref", "AWS::NoValue")),
                ifBranches(
                        functions()
                                .get("ParleyDocumentsFunction")
                                .get("ReservedConcurrentExecutions"),
                        "ReserveDocumentsConcurrency"));
        assertEquals(
                Map.of(
                        "Fn::Not",
                        List.of(
                                Map.of(
                                        "Fn::Equals",
                                        List.of(
                                                Map.of("Ref", "DocumentsReservedConcurrency"),
                                                0)))),
                conditions().get("ReserveDocumentsConcurrency"));
    }

    @Test
    void corsIsConfiguredOnlyForTheGivenOriginsAndExposesTheHeadersClientsRead() {
        String description = description("CorsAllowedOrigins");
        assertTrue(description.contains("Empty (default) - no CORS configuration"), description);
        assertEquals("", parameter("CorsAllowedOrigins").get("Default"));
        List<Object> cors =
                ifBranches(
                        map(map(resource("ParleyHttpApi").get("Properties")).get("DefinitionBody"))
                                .get("x-amazon-apigateway-cors"),
                        "HasCorsOrigins");
        assertEquals(Map.of("Ref", "AWS::NoValue"), cors.get(1));
        Map<String, Object> config = map(cors.get(0));
        assertEquals(Map.of("Ref", "CorsAllowedOrigins"), config.get("allowOrigins"));
        @SuppressWarnings("unchecked")
        List<String> exposed = (List<String>) config.get("exposeHeaders");
        for (String header :
                List.of("location", "retry-after", "allow", "x-parley-cache", "x-request-id")) {
            assertTrue(exposed.contains(header), header + " in " + exposed);
        }
        @SuppressWarnings("unchecked")
        List<String> allowed = (List<String>) config.get("allowHeaders");
        assertTrue(
                allowed.containsAll(
                        List.of(
                                "content-type",
                                "authorization",
                                "cache-control",
                                "x-api-key",
                                "anthropic-version")),
                "a browser may send a key either way: " + allowed);
        @SuppressWarnings("unchecked")
        List<String> methods = (List<String>) config.get("allowMethods");
        assertTrue(
                methods.containsAll(List.of("GET", "POST", "PATCH", "DELETE")),
                "PATCH /v1/keys/{id}: " + methods);
    }

    // ---- Rules: a JWT deployment without issuer or audience is refused
    // ---------------------------

    @Test
    void jwtWithoutIssuerOrAudienceIsRefusedByTheRules() {
        Map<String, String> complete =
                Map.of(
                        "AuthMode",
                        "JWT",
                        "JwtIssuer",
                        "https://issuer.example",
                        "JwtAudience",
                        "app",
                        "AlarmEmail",
                        "ops@example.org");
        assertEquals(List.of(), failedAssertions(complete));
        assertEquals(
                List.of("AuthMode=JWT needs JwtIssuer (an https:// URL)."),
                failedAssertions(with(complete, "JwtIssuer", "")));
        assertEquals(
                List.of("AuthMode=JWT needs JwtAudience."),
                failedAssertions(with(complete, "JwtAudience", "")));
        // The template's defaults alone are refused too: a bare deploy is never an open one.
        assertEquals(3, failedAssertions(Map.of()).size());
        assertEquals(List.of(), failedAssertions(Map.of("AuthMode", "NONE")));
        // With an authorizer, alarms must reach someone (an address, or an existing topic).
        assertEquals(1, failedAssertions(with(complete, "AlarmEmail", "")).size());
        assertEquals(
                List.of(),
                failedAssertions(
                        with(
                                with(complete, "AlarmEmail", ""),
                                "AlarmTopicArn",
                                "arn:aws:sns:us-east-1:123456789012:ops")));
        // samconfig.toml's example values are refused as they stand.
        assertEquals(
                List.of(
                        "Replace samconfig.toml's example JwtIssuer, JwtAudience and AlarmEmail with your own."),
                failedAssertions(with(complete, "AlarmEmail", "oncall@example.com")));
        // Outside the Regions of the catalog's "us." profiles, nothing is deployed.
        assertEquals(
                1, failedAssertions(Map.of("AuthMode", "NONE", "AWS::Region", "eu-west-1")).size());
        assertEquals(
                List.of(),
                failedAssertions(Map.of("AuthMode", "NONE", "AWS::Region", "us-west-2")));
    }

    private static Map<String, String> with(Map<String, String> values, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return copy;
    }

    /** Evaluates the template's Rules (Fn::Equals, Fn::Not, Ref) as CloudFormation would for these values. */
    private static List<String> failedAssertions(Map<String, String> given) {
        Map<String, Object> values = new LinkedHashMap<>();
        map(template.get("Parameters"))
                .forEach((name, p) -> values.put(name, String.valueOf(map(p).get("Default"))));
        values.put("AWS::Region", "us-east-1");
        values.putAll(given);
        List<String> failed = new ArrayList<>();
        map(template.get("Rules"))
                .forEach(
                        (name, rule) -> {
                            Map<String, Object> r = map(rule);
                            if (r.containsKey("RuleCondition")
                                    && !truth(r.get("RuleCondition"), values)) {
                                return;
                            }
                            for (Object assertion : (List<?>) r.get("Assertions")) {
                                if (!truth(map(assertion).get("Assert"), values)) {
                                    failed.add((String) map(assertion).get("AssertDescription"));
                                }
                            }
                        });
        return failed;
    }

    private static boolean truth(Object expression, Map<String, Object> values) {
        Map<String, Object> fn = map(expression);
        if (fn.containsKey("Fn::Not")) {
            return !truth(((List<?>) fn.get("Fn::Not")).get(0), values);
        }
        if (fn.containsKey("Fn::Equals")) {
            List<?> operands = (List<?>) fn.get("Fn::Equals");
            return String.valueOf(value(operands.get(0), values))
                    .equals(String.valueOf(value(operands.get(1), values)));
        }
        if (fn.containsKey("Fn::And")) {
            return ((List<?>) fn.get("Fn::And")).stream().allMatch(e -> truth(e, values));
        }
        if (fn.containsKey("Fn::Or")) {
            return ((List<?>) fn.get("Fn::Or")).stream().anyMatch(e -> truth(e, values));
        }
        if (fn.containsKey("Fn::Contains")) {
            List<?> operands = (List<?>) fn.get("Fn::Contains");
            return ((List<?>) operands.get(0)).contains(value(operands.get(1), values));
        }
        throw new IllegalArgumentException("unsupported rule function " + fn.keySet());
    }

    private static Object value(Object operand, Map<String, Object> values) {
        return operand instanceof Map<?, ?> m && m.containsKey("Ref")
                ? values.get(m.get("Ref"))
                : operand;
    }

    // ---- samconfig.toml ------------------------------------------------------------------------

    @Test
    void samconfigHasAKeysDevAndAJwtProdAndNoDefaultDeploy() throws IOException {
        String samconfig = Files.readString(Path.of("samconfig.toml"));
        assertFalse(
                samconfig.contains("[default.deploy.parameters]"), "no default deploy environment");
        String dev = section(samconfig, "dev.deploy.parameters");
        String prod = section(samconfig, "prod.deploy.parameters");
        // No documented deploy is open to the internet: dev uses API keys, prod JWTs.
        assertTrue(dev.contains("AuthMode=KEYS"), dev);
        assertFalse(
                dev.contains("AuthMode=NONE") || prod.contains("AuthMode=NONE"),
                "no environment is open");
        assertTrue(
                samconfig.contains("get-secret-value"),
                "dev says how to fetch the first admin key");
        assertTrue(prod.contains("AuthMode=JWT"), prod);
        // --parameter-overrides replaces the whole list, so each list names every parameter whose
        // default would change the stack's kind (a dev list without Stage deploys Stage=prod).
        for (String list : List.of(dev, prod)) {
            for (String parameter :
                    List.of(
                            "Stage=",
                            "AuthMode=",
                            "Packaging=",
                            "Architecture=",
                            "MetricsNamespace=")) {
                assertTrue(list.contains(parameter), parameter + " in " + list);
            }
        }
        assertTrue(prod.contains("AlarmEmail="), "prod's alarms notify someone: " + prod);
        assertTrue(
                samconfig.contains("REPLACES this whole list"),
                "the override pitfall is spelled out");
        for (String build : List.of("./mvnw package -Pnative", "./mvnw package ")) {
            assertTrue(samconfig.contains(build), build);
        }
    }

    private static String section(String toml, String name) {
        Matcher m =
                Pattern.compile("(?ms)^\\[" + Pattern.quote(name) + "\\]\\n(.*?)(?=^\\[|\\z)")
                        .matcher(toml);
        assertTrue(m.find(), name);
        return m.group(1);
    }

    @Test
    void theBuildCommandsAreNamedIdenticallyEverywhere() throws IOException {
        String nativeBuild = "./mvnw package -Pnative";
        for (String file : List.of("template.yaml", "samconfig.toml", "README.md", "pom.xml")) {
            String text = Files.readString(Path.of(file));
            assertTrue(text.contains(nativeBuild), file);
            assertFalse(
                    text.contains("package -Dnative "),
                    file + " still names the old -Dnative build");
        }
    }

    // ---- reading the template ------------------------------------------------------------------

    private static Map<String, Object> resource(String name) {
        Map<String, Object> resource = map(map(template.get("Resources")).get(name));
        assertNotNull(resource, name);
        return resource;
    }

    private static Map<String, Map<String, Object>> functions() {
        Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
        map(template.get("Resources"))
                .forEach(
                        (name, r) -> {
                            if ("AWS::Serverless::Function".equals(map(r).get("Type"))) {
                                functions.put(name, map(map(r).get("Properties")));
                            }
                        });
        return functions;
    }

    private static Map<String, Object> parameter(String name) {
        return map(map(template.get("Parameters")).get(name));
    }

    private static String description(String parameter) {
        return (String) parameter(parameter).get("Description");
    }

    private static Map<String, Object> conditions() {
        return map(template.get("Conditions"));
    }

    /** The [then, else] of a {@code !If [condition, then, else]}. */
    private static List<Object> ifBranches(Object value, String condition) {
        List<?> args = (List<?>) map(value).get("Fn::If");
        assertNotNull(args, "not an Fn::If: " + value);
        assertEquals(condition, args.get(0));
        return List.of(args.get(1), args.get(2));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? null : (Map<String, Object>) value;
    }

    /** YAML with CloudFormation's short forms ({@code !Ref x} is {@code {"Ref": x}}, {@code !Sub s} is {@code {"Fn::Sub": s}}, ...). */
    static final class CloudFormationYaml extends SafeConstructor {
        private static final List<String> FUNCTIONS =
                List.of(
                        "Ref",
                        "Sub",
                        "GetAtt",
                        "If",
                        "Equals",
                        "Not",
                        "And",
                        "Or",
                        "Select",
                        "Split",
                        "Join",
                        "FindInMap",
                        "GetAZs",
                        "ImportValue",
                        "Base64",
                        "Cidr",
                        "Condition",
                        "Length",
                        "ToJsonString",
                        "Contains");

        CloudFormationYaml() {
            super(new LoaderOptions());
            for (String function : FUNCTIONS) {
                String key =
                        function.equals("Ref") || function.equals("Condition")
                                ? function
                                : "Fn::" + function;
                yamlConstructors.put(
                        new Tag("!" + function),
                        new AbstractConstruct() {
                            @Override
                            public Object construct(Node node) {
                                Object value;
                                if (node instanceof ScalarNode scalar) {
                                    String text = constructScalar(scalar);
                                    // !GetAtt Resource.Attribute is the short form of [Resource,
                                    // Attribute].
                                    value =
                                            function.equals("GetAtt")
                                                    ? List.of(text.split("\\.", 2))
                                                    : text;
                                } else if (node instanceof SequenceNode sequence) {
                                    value = constructSequence(sequence);
                                } else {
                                    value = constructMapping((MappingNode) node);
                                }
                                return Map.of(key, value);
                            }
                        });
            }
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> load(String yaml) {
            return (Map<String, Object>) new Yaml(new CloudFormationYaml()).load(yaml);
        }
    }

    /** Property names the function's code reads: @ConfigMapping interfaces (walked) and @ConfigProperty names. */
    static final class CodeProperties {
        static Set<String> read(Path classes) throws IOException, ClassNotFoundException {
            Set<String> properties = new TreeSet<>();
            List<String> names;
            try (Stream<Path> files = Files.walk(classes)) {
                names =
                        files.map(classes::relativize)
                                .map(Path::toString)
                                .filter(n -> n.endsWith(".class"))
                                .map(
                                        n ->
                                                n.substring(0, n.length() - ".class".length())
                                                        .replace('/', '.'))
                                .toList();
            }
            ClassLoader loader = TemplateContractTest.class.getClassLoader();
            for (String name : names) {
                Class<?> type = Class.forName(name, false, loader);
                ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
                if (mapping != null) {
                    walk(type, mapping.prefix(), properties);
                }
                for (var field : type.getDeclaredFields()) {
                    ConfigProperty property = field.getAnnotation(ConfigProperty.class);
                    if (property != null) {
                        properties.add(property.name());
                    }
                }
                for (var constructor : type.getDeclaredConstructors()) {
                    for (var parameter : constructor.getParameters()) {
                        ConfigProperty property = parameter.getAnnotation(ConfigProperty.class);
                        if (property != null) {
                            properties.add(property.name());
                        }
                    }
                }
            }
            return properties;
        }

        private static void walk(Class<?> group, String prefix, Set<String> properties) {
            for (Method method : group.getMethods()) {
                if (method.getParameterCount() > 0
                        || Modifier.isStatic(method.getModifiers())
                        || method.isDefault()) {
                    continue;
                }
                String name =
                        method.isAnnotationPresent(WithParentName.class)
                                ? prefix
                                : prefix
                                        + "."
                                        + (method.isAnnotationPresent(WithName.class)
                                                ? method.getAnnotation(WithName.class).value()
                                                : kebab(method.getName()));
                Type type = method.getGenericReturnType();
                if (type instanceof ParameterizedType p
                        && (p.getRawType() == Optional.class || p.getRawType() == List.class)) {
                    type = p.getActualTypeArguments()[0];
                }
                if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
                    Type valueType = p.getActualTypeArguments()[1];
                    if (isGroup(valueType)) {
                        walk((Class<?>) valueType, name + ".*", properties);
                    } else {
                        properties.add(name + ".*");
                    }
                } else if (isGroup(type)) {
                    walk((Class<?>) type, name, properties);
                } else {
                    properties.add(name);
                }
            }
        }

        private static boolean isGroup(Type type) {
            return type instanceof Class<?> c
                    && c.isInterface()
                    && c.getName().startsWith("dev.parley.");
        }

        private static String kebab(String camel) {
            return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
        }
    }
}
