package dev.parley.priming;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ServiceLoader;
import java.util.Set;
import software.amazon.awssdk.core.ClientType;
import software.amazon.awssdk.core.warmup.SdkWarmUp;
import software.amazon.awssdk.core.warmup.SdkWarmUpProvider;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The SDK's own warm-up ({@code SdkWarmUp}, 2.54+) for the sync clients Parley uses, and the
 * DynamoDB and S3 client beans built before the snapshot. The Bedrock client and a real Converse
 * path are primed by {@code bedrock.BedrockPriming}.
 */
@ApplicationScoped
public class SdkPriming {
    /** Lambda's: the WebSocket chat hand-off (its client bean is still built on the first hand-off). */
    private static final Set<String> CLIENTS =
            Set.of(
                    BedrockRuntimeClient.class.getName(),
                    DynamoDbClient.class.getName(),
                    S3Client.class.getName(),
                    LambdaClient.class.getName());

    private final DynamoDbClient dynamo;
    private final S3Client s3;
    private final PrimingSettings settings;

    SdkPriming(DynamoDbClient dynamo, S3Client s3, PrimingSettings settings) {
        this.dynamo = dynamo;
        this.s3 = s3;
        this.settings = settings;
    }

    /** Returns how many service clients the SDK warmed. */
    public int prime() {
        // Any call on the proxies builds the beans; serviceName() sends nothing.
        dynamo.serviceName();
        s3.serviceName();
        if (settings.sdkHttpWarmUp()) {
            SdkWarmUp.warmUp(
                    BedrockRuntimeClient.class,
                    DynamoDbClient.class,
                    S3Client.class,
                    LambdaClient.class);
            return CLIENTS.size();
        }
        // SdkWarmUp without its network call: each service's provider runs an operation against a
        // canned response, which loads the client's marshalling and unmarshalling.
        int warmed = 0;
        for (SdkWarmUpProvider provider :
                ServiceLoader.load(SdkWarmUpProvider.class, SdkPriming.class.getClassLoader())) {
            if (CLIENTS.contains(provider.syncClientClassName())) {
                provider.warmUpClient(ClientType.SYNC);
                warmed++;
            }
        }
        return warmed;
    }
}
