package dev.parley.local;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Ports and options of the local run ({@code ./mvnw -Plocal quarkus:dev}). */
@ConfigMapping(prefix = "parley.local")
public interface LocalRunSettings {

    @WithDefault("127.0.0.1")
    String host();

    @WithDefault("3000")
    int apiPort();

    @WithDefault("8787")
    int bedrockPort();

    @WithDefault("8000")
    int dynamodbPort();

    @WithDefault("9090")
    int s3Port();

    /** The offline Open-Meteo stand-in that get_weather calls in the local run. */
    @WithDefault("8788")
    int weatherPort();

    /** The API Gateway Management API stand-in that delivers streamed frames to local WebSockets. */
    @WithDefault("8789")
    int managementPort();

    /** The Lambda Invoke API stand-in, through which a WebSocket chat turn is handed to the stream function. */
    @WithDefault("8790")
    int lambdaPort();

    /**
     * The function's Lambda Runtime API ({@code POST /_lambda_} runs an event), on loopback. It
     * replaces Quarkus's mock event server, which listens on every interface.
     */
    @WithDefault("8080")
    int runtimePort();

    /** Git-ignored folder where DynamoDB Local and the S3 stand-in keep data between runs. */
    @WithDefault(".local")
    String dataDir();

    /** {@code emulator} (no AWS account needed) or {@code aws} (real Bedrock with your credentials). */
    @WithDefault("emulator")
    String bedrock();

    /** How many invocations run at once, as that many Lambda instances would (Quarkus alone runs one). */
    @WithDefault("8")
    int concurrency();

    /** Put a fault proxy in front of each stand-in, to try failures by hand (see docs/reliability.md). */
    @WithDefault("false")
    boolean faults();

    /**
     * Refresh the catalog's account report at start-up (the deployed stack does at deploy): the
     * {@code catalog-refresh} event posted to the function's Runtime API.
     */
    @WithDefault("true")
    boolean refreshCatalogAtStartUp();
}
