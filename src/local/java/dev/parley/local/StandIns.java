package dev.parley.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.parley.local.bedrock.BedrockEmulator;
import dev.parley.local.bedrock.H2cFront;
import dev.parley.local.faults.FaultProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Starts the local stand-ins in this JVM: the Bedrock emulator, DynamoDB Local, a weather service
 * for the get_weather tool, the API Gateway Management API and Lambda's Invoke API, and an
 * S3-compatible server (S3Proxy, in a child JVM). Tests use ephemeral ones on free ports; the local run uses fixed
 * ports and a data folder so conversations and uploads survive restarts.
 */
public final class StandIns implements AutoCloseable {
    /** Credentials the function uses against the stand-ins (DynamoDB Local accepts only letters and digits). */
    public static final String ACCESS_KEY = "parleylocal";

    public static final String SECRET_KEY = "parleylocalsecret";
    public static final String REGION = "us-east-1";
    public static final String TABLE = "parley";

    /** The documents bucket, as template.yaml creates it; uploads under uploads/{owner}/ are summarized. */
    public static final String DOCUMENTS_BUCKET = "parley-documents";

    /** The stream function, as the template names its alias: WebSocket chat turns are handed to it. */
    public static final String STREAM_FUNCTION = "parley-stream";

    /** ParleyFunction, which consumes the stream function's on-failure queue (the same local runtime). */
    public static final String FUNCTION = "parley";

    /** The stream function's on-failure destination (template.yaml: StreamFailedQueue). */
    public static final String STREAM_FAILED_QUEUE =
            "arn:aws:sqs:" + REGION + ":123456789012:parley-stream-failed";

    /** The dependencies a fault proxy can stand in front of; the names are also the proxies' names. */
    public static final List<String> FAULT_TARGETS =
            List.of("bedrock", "dynamodb", "s3", "management", "lambda");

    /** Where tests find the Lambda stand-in itself, not its fault proxy (not function configuration). */
    public static final String LAMBDA_API_CONFIG = "parley-test.lambda-api";

    /** Where tests find each fault proxy: {@code parley-test.faults.<name>} (not function configuration). */
    public static final String FAULTS_CONFIG_PREFIX = "parley-test.faults.";

    /** The emulator behind an HTTP/2 cleartext front ({@link H2cFront}), for tests of the production transport. */
    public static final String BEDROCK_H2C_CONFIG = "parley-test.bedrock-h2c-endpoint";

    /**
     * @param dataDir where DynamoDB Local and S3 keep their files; empty = in memory / temporary
     * @param startBedrock false when the function should talk to real Bedrock instead of the emulator
     * @param faults put a {@link FaultProxy} between the function and each stand-in, passing
     *     everything through until a test (or {@code curl}) programs a fault
     */
    public record Options(
            String host,
            int bedrockPort,
            int dynamoPort,
            int s3Port,
            int weatherPort,
            int managementPort,
            int lambdaPort,
            Optional<Path> dataDir,
            boolean startBedrock,
            boolean faults) {

        public static Options ephemeral() {
            return new Options("127.0.0.1", 0, 0, 0, 0, 0, 0, Optional.empty(), true, true);
        }
    }

    private final List<AutoCloseable> running = new ArrayList<>();
    private final Options options;
    private URI bedrock;
    private BedrockEmulator emulator;
    private URI bedrockH2c;
    private URI dynamo;
    private URI s3;
    private LocalWeatherService weather;
    private LocalManagementApi managementApi;
    private LocalLambdaApi lambdaApi;

    /** What the function is pointed at: a stand-in's endpoint, or the fault proxy in front of it. */
    private final Map<String, URI> functionSide = new LinkedHashMap<>();

    private final Map<String, FaultProxy> proxies = new LinkedHashMap<>();

    private StandIns(Options options) {
        this.options = options;
    }

    public static StandIns start(Options options) {
        StandIns standIns = new StandIns(options);
        try {
            standIns.startAll();
            return standIns;
        } catch (Exception e) {
            standIns.close();
            throw new IllegalStateException(
                    "could not start the local stand-ins: " + e.getMessage(), e);
        }
    }

    private void startAll() throws Exception {
        if (options.startBedrock()) {
            emulator = BedrockEmulator.start(options.host(), options.bedrockPort());
            running.add(emulator);
            bedrock = emulator.endpoint();
            // HTTP/2 (h2c) in front of the emulator, for the tests that run Parley's streaming
            // client over the production transport (parley.bedrock.stream-protocol=http2).
            H2cFront front = H2cFront.start(bedrock);
            running.add(front);
            bedrockH2c = front.endpoint();
        }
        dynamo = startDynamo();
        s3 = startS3();
        weather = LocalWeatherService.start(options.host(), options.weatherPort());
        running.add(weather);
        managementApi = LocalManagementApi.start(options.host(), options.managementPort());
        running.add(managementApi);
        lambdaApi =
                LocalLambdaApi.start(
                                options.host(),
                                options.lambdaPort(),
                                java.util.Set.of(STREAM_FUNCTION))
                        // The template's EventInvokeConfig: a minute's maximum age, failures to the
                        // queue ParleyFunction polls.
                        .onFailure(
                                STREAM_FUNCTION,
                                java.time.Duration.ofSeconds(60),
                                STREAM_FAILED_QUEUE,
                                FUNCTION);
        running.add(lambdaApi);
        if (bedrock != null) {
            functionSide.put("bedrock", proxied("bedrock", bedrock));
        }
        functionSide.put("dynamodb", proxied("dynamodb", dynamo));
        functionSide.put("s3", proxied("s3", s3));
        URI management = managementApi.endpoint();
        // The stand-in's endpoint carries a stage path; the proxy keeps it.
        functionSide.put(
                "management", proxied("management", management).resolve(management.getRawPath()));
        functionSide.put("lambda", proxied("lambda", lambdaApi.endpoint()));
    }

    private URI proxied(String name, URI target) throws IOException {
        if (!options.faults()) {
            return target;
        }
        FaultProxy proxy = FaultProxy.start(name, options.host(), 0, target);
        running.add(proxy);
        proxies.put(name, proxy);
        return proxy.endpoint();
    }

    /** The fault proxy in front of {@code name} ({@link #FAULT_TARGETS}), for in-process measurements. */
    public Optional<FaultProxy> faultProxy(String name) {
        return Optional.ofNullable(proxies.get(name));
    }

    /** The fault proxies by name ({@link #FAULT_TARGETS}); empty unless {@link Options#faults()}. */
    public Map<String, URI> faultProxies() {
        Map<String, URI> endpoints = new LinkedHashMap<>();
        proxies.forEach((name, proxy) -> endpoints.put(name, proxy.endpoint()));
        return endpoints;
    }

    private URI startDynamo() throws Exception {
        if (System.getProperty("sqlite4java.library.path") == null) {
            // Copied there by the build (maven-dependency-plugin); DynamoDB Local loads SQLite
            // through it.
            System.setProperty(
                    "sqlite4java.library.path",
                    Path.of("target", "native-libs").toAbsolutePath().toString());
        }
        // A free port is only free when it was picked: another process (a parallel test JVM) may
        // bind it before DynamoDB Local does, so a picked port that is taken is picked again.
        for (int attempt = 1; ; attempt++) {
            int port = options.dynamoPort() == 0 ? freePort() : options.dynamoPort();
            try {
                return startDynamo(port);
            } catch (Exception e) {
                if (options.dynamoPort() != 0 || attempt == 3 || !portTaken(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean portTaken(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    private URI startDynamo(int port) throws Exception {
        List<String> args =
                new ArrayList<>(List.of("-port", Integer.toString(port), "-disableTelemetry"));
        if (options.dataDir().isPresent()) {
            Path dir = Files.createDirectories(options.dataDir().get().resolve("dynamodb"));
            args.addAll(List.of("-sharedDb", "-dbPath", dir.toString()));
        } else {
            args.add("-inMemory");
        }
        DynamoDBProxyServer server =
                ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
        bindTo(server, options.host());
        server.start();
        running.add(server::stop);
        URI endpoint = URI.create("http://" + options.host() + ":" + port);
        LocalTables.create(endpoint, TABLE);
        return endpoint;
    }

    /**
     * DynamoDB Local has no option for the interface it listens on and its Jetty server would take
     * every one: anyone on the network could read every stored conversation. Its connectors are set
     * to the stand-ins' host before it starts (reflection on its private server: local-only code).
     */
    private static void bindTo(DynamoDBProxyServer proxy, String host)
            throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        for (Connector connector : jetty.getConnectors()) {
            if (!(connector instanceof ServerConnector serverConnector)) {
                throw new IllegalStateException(
                        "DynamoDB Local's connector cannot be bound to " + host + ": " + connector);
            }
            serverConnector.setHost(host);
        }
    }

    private URI startS3() throws Exception {
        Path dir =
                options.dataDir().isPresent()
                        ? options.dataDir().get().resolve("s3")
                        : Files.createTempDirectory("parley-s3").resolve("data");
        S3Server server = startS3(dir);
        running.add(server);
        LocalBuckets.create(server.endpoint(), DOCUMENTS_BUCKET);
        return server.endpoint();
    }

    /** On a fixed port, once; on a free port, again on another when the picked one was taken meanwhile. */
    private S3Server startS3(Path dir) throws Exception {
        if (options.s3Port() != 0) {
            return S3Server.start(options.host(), options.s3Port(), dir);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return S3Server.start(options.host(), freePort(), dir);
            } catch (S3Server.PortTaken e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** The emulator's model-call spans (empty without the emulator), for in-process measurements. */
    public List<BedrockEmulator.Span> bedrockCallSpans() {
        return emulator == null ? List.of() : emulator.modelCallSpans();
    }

    public Optional<URI> bedrockEndpoint() {
        return Optional.ofNullable(bedrock);
    }

    public URI dynamoEndpoint() {
        return dynamo;
    }

    /** The Management API stand-in, so the local WebSocket server can deliver the frames it receives. */
    public LocalManagementApi managementApi() {
        return managementApi;
    }

    /** The Lambda Invoke stand-in, which delivers handed-off chat turns to the runtime it is given. */
    public LocalLambdaApi lambdaApi() {
        return lambdaApi;
    }

    public URI s3Endpoint() {
        return s3;
    }

    /** The configuration that points the function at these stand-ins. */
    public Map<String, String> functionConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        bedrockEndpoint()
                .ifPresent(
                        endpoint -> {
                            config.put(
                                    "parley.bedrock.endpoint-override",
                                    functionSide.get("bedrock").toString());
                            config.put("parley.bedrock.region", REGION);
                            config.put("parley.bedrock.credentials.type", "static");
                            config.put("parley.bedrock.credentials.access-key-id", ACCESS_KEY);
                            config.put("parley.bedrock.credentials.secret-access-key", SECRET_KEY);
                            config.put(BEDROCK_H2C_CONFIG, bedrockH2c.toString());
                        });
        config.put("quarkus.dynamodb.endpoint-override", functionSide.get("dynamodb").toString());
        config.put("quarkus.dynamodb.aws.region", REGION);
        config.put("quarkus.dynamodb.aws.credentials.type", "static");
        config.put("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", ACCESS_KEY);
        config.put(
                "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", SECRET_KEY);
        config.put("parley.store.table-name", TABLE);
        config.put("quarkus.s3.endpoint-override", functionSide.get("s3").toString());
        config.put("quarkus.s3.path-style-access", "true");
        config.put("quarkus.s3.aws.region", REGION);
        config.put("quarkus.s3.aws.credentials.type", "static");
        config.put("quarkus.s3.aws.credentials.static-provider.access-key-id", ACCESS_KEY);
        config.put("quarkus.s3.aws.credentials.static-provider.secret-access-key", SECRET_KEY);
        config.put("parley.documents.bucket", DOCUMENTS_BUCKET);
        config.put("parley.tools.weather.geocoding-url", weather.geocodingUrl().toString());
        config.put("parley.tools.weather.forecast-url", weather.forecastUrl().toString());
        config.put(
                "parley.websocket.management-endpoint", functionSide.get("management").toString());
        config.put("parley.websocket.region", REGION);
        config.put("parley.websocket.credentials.type", "static");
        config.put("parley.websocket.credentials.access-key-id", ACCESS_KEY);
        config.put("parley.websocket.credentials.secret-access-key", SECRET_KEY);
        config.put("parley.websocket.stream-function", LocalLambdaApi.arn(STREAM_FUNCTION, "live"));
        config.put("parley.handoff.endpoint-override", functionSide.get("lambda").toString());
        config.put("parley.handoff.region", REGION);
        config.put("parley.handoff.credentials.type", "static");
        config.put("parley.handoff.credentials.access-key-id", ACCESS_KEY);
        config.put("parley.handoff.credentials.secret-access-key", SECRET_KEY);
        config.put(LAMBDA_API_CONFIG, lambdaApi.endpoint().toString());
        faultProxies()
                .forEach(
                        (name, endpoint) ->
                                config.put(FAULTS_CONFIG_PREFIX + name, endpoint.toString()));
        return config;
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping a stand-in failed: " + e);
            }
        }
        running.clear();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
