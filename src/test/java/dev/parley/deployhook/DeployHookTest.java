package dev.parley.deployhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.lifecycle.AccountLifecycles;
import dev.parley.lifecycle.AccountReportStore;
import dev.parley.local.StandIns;
import dev.parley.local.faults.AwsErrors;
import dev.parley.local.faults.FaultRule;
import dev.parley.modelcall.AccountReports;
import dev.parley.testing.Emulator;
import dev.parley.testing.Faults;
import dev.parley.testing.Lambda;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * template.yaml's ParleyDeployHook end to end: CloudFormation's custom-resource request, sent to
 * the function as Lambda would, names a pre-signed PUT URL of the S3 stand-in (made by the SDK's
 * S3Presigner, as CloudFormation's is a pre-signed S3 URL); the function's reply is read back from
 * the bucket. Create and Update refresh the catalog (the report lands in the table) and answer the
 * digests the version descriptions carry; Delete answers at once; a failed refresh or a broken
 * request never fails a deploy silently nor crashes the function.
 */
@QuarkusTest
class DeployHookTest {
    private static final String STACK =
            "arn:aws:cloudformation:us-east-1:123456789012:stack/parley-dev/5b0c1e20-1234";

    @Inject S3Client s3;
    @Inject AccountReportStore store;
    @Inject AccountLifecycles lifecycles;

    @BeforeEach
    void noReport() {
        Emulator.control().reset();
        store.save(AccountReports.NONE);
    }

    @AfterEach
    void forgetTheReport() {
        Faults.resetAll();
        store.save(AccountReports.NONE);
        lifecycles.update(AccountReports.NONE);
    }

    /** A pre-signed PUT of a fresh key in the stand-in's bucket, and where to read it back. */
    private record ReplyObject(String key, URI url) {}

    private static ReplyObject replyObject() {
        var config = ConfigProvider.getConfig();
        String key = "cloudformation-replies/" + UUID.randomUUID();
        try (S3Presigner presigner =
                S3Presigner.builder()
                        .endpointOverride(
                                URI.create(
                                        config.getValue(
                                                "quarkus.s3.endpoint-override", String.class)))
                        .region(Region.of(config.getValue("quarkus.s3.aws.region", String.class)))
                        .credentialsProvider(
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create(
                                                config.getValue(
                                                        "quarkus.s3.aws.credentials.static-provider.access-key-id",
                                                        String.class),
                                                config.getValue(
                                                        "quarkus.s3.aws.credentials.static-provider.secret-access-key",
                                                        String.class))))
                        .serviceConfiguration(
                                S3Configuration.builder().pathStyleAccessEnabled(true).build())
                        .build()) {
            URI url =
                    URI.create(
                            presigner
                                    .presignPutObject(
                                            put ->
                                                    put.signatureDuration(Duration.ofMinutes(10))
                                                            .putObjectRequest(
                                                                    object ->
                                                                            object.bucket(
                                                                                            StandIns
                                                                                                    .DOCUMENTS_BUCKET)
                                                                                    .key(key)))
                                    .url()
                                    .toString());
            return new ReplyObject(key, url);
        }
    }

    private JsonNode reply(ReplyObject object) {
        try {
            return Lambda.JSON.readTree(
                    s3.getObjectAsBytes(
                                    get -> get.bucket(StandIns.DOCUMENTS_BUCKET).key(object.key()))
                            .asByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean replied(ReplyObject object) {
        try {
            s3.headObject(head -> head.bucket(StandIns.DOCUMENTS_BUCKET).key(object.key()));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    /** CloudFormation's request, as template.yaml's ParleyDeployHook makes it. */
    private static ObjectNode request(String type, ReplyObject to, String jwtIssuer) {
        ObjectNode event = Lambda.JSON.createObjectNode();
        event.put("RequestType", type);
        event.put(
                "ServiceToken",
                "arn:aws:lambda:us-east-1:123456789012:function:parley-dev-ParleyFunction-AbC");
        event.put("ResponseURL", to.url().toString());
        event.put("StackId", STACK);
        event.put("RequestId", UUID.randomUUID().toString());
        event.put("ResourceType", "Custom::ParleyDeployHook");
        event.put("LogicalResourceId", "ParleyDeployHook");
        if (!"Create".equals(type)) {
            event.put("PhysicalResourceId", "parley-dev-ParleyDeployHook");
        }
        ObjectNode properties = event.putObject("ResourceProperties");
        properties.put("ServiceToken", event.path("ServiceToken").asText());
        properties.put("ServiceTimeout", "120");
        properties.put(
                "Release",
                "arn:aws:lambda:us-east-1:123456789012:function:parley-dev-Docs:"
                        + UUID.randomUUID());
        ObjectNode config = properties.putObject("Config");
        config.putObject("ParleyFunction")
                .put("JwtIssuer", jwtIssuer)
                .put("JwtAudience", "parley-app")
                .put("JwksUrl", "");
        config.putObject("ParleyStreamFunction")
                .put("JwtIssuer", jwtIssuer)
                .put("JwtAudience", "parley-app")
                .put("JwksUrl", "")
                .put("CorsAllowedOrigins", "");
        return event;
    }

    private JsonNode send(ObjectNode event, ReplyObject to) {
        JsonNode result = Lambda.invoke(event).raw();
        assertTrue(result.path("replied").asBoolean(), result.toString());
        JsonNode reply = reply(to);
        assertEquals(event.path("StackId").asText(), reply.path("StackId").asText());
        assertEquals(event.path("RequestId").asText(), reply.path("RequestId").asText());
        assertEquals("ParleyDeployHook", reply.path("LogicalResourceId").asText());
        assertFalse(
                result.toString().contains("X-Amz-Signature"),
                "the URL never comes back: " + result);
        return reply;
    }

    @Test
    void createRefreshesTheCatalogAndAnswersTheDigests() {
        ReplyObject to = replyObject();
        JsonNode reply = send(request("Create", to, "https://issuer.example.com"), to);
        assertEquals("SUCCESS", reply.path("Status").asText(), reply.toString());
        assertEquals("parley-dev-ParleyDeployHook", reply.path("PhysicalResourceId").asText());
        assertTrue(
                reply.path("Reason").asText().startsWith("catalog refreshed: "), reply.toString());
        for (String name :
                new String[] {
                    "ConfigDigest", "ParleyFunctionDigest", "ParleyStreamFunctionDigest"
                }) {
            assertTrue(
                    reply.at("/Data/" + name).asText().matches("[0-9a-f]{16}"),
                    name + ": " + reply);
        }
        AccountReports stored = store.load().orElseThrow();
        assertFalse(
                stored.byModelId().isEmpty(),
                "the refresh stored the account's report (CATALOG#account)");
        assertTrue(stored.checkedAt().isAfter(java.time.Instant.EPOCH), stored.toString());
    }

    @Test
    void theDigestFollowsTheJwtIssuerAndNothingElse() {
        ReplyObject first = replyObject();
        JsonNode a = send(request("Create", first, "https://issuer.example.com"), first);
        ReplyObject second = replyObject();
        // Another request id and Release, the same configuration: the same digests.
        JsonNode b = send(request("Update", second, "https://issuer.example.com"), second);
        assertEquals(a.path("Data"), b.path("Data"));
        assertEquals(
                a.path("PhysicalResourceId"),
                b.path("PhysicalResourceId"),
                "the same resource, never replaced");
        ReplyObject third = replyObject();
        JsonNode c = send(request("Update", third, "https://other-issuer.example.com"), third);
        assertEquals("SUCCESS", c.path("Status").asText(), c.toString());
        assertNotEquals(a.at("/Data/ParleyFunctionDigest"), c.at("/Data/ParleyFunctionDigest"));
        assertNotEquals(a.at("/Data/ConfigDigest"), c.at("/Data/ConfigDigest"));
    }

    @Test
    void theDigestIgnoresTheOrderOfTheSettings() {
        ObjectNode one =
                Lambda.JSON
                        .createObjectNode()
                        .put("JwtIssuer", "https://i.example.com")
                        .put("JwksUrl", "");
        ObjectNode other =
                Lambda.JSON
                        .createObjectNode()
                        .put("JwksUrl", "")
                        .put("JwtIssuer", "https://i.example.com");
        assertEquals(ConfigDigest.of(one), ConfigDigest.of(other));
        assertNotEquals(
                ConfigDigest.of(one),
                ConfigDigest.of(other.put("JwksUrl", "https://i.example.com/keys")));
    }

    @Test
    void deleteAnswersAtOnceWithoutARefresh() {
        ReplyObject to = replyObject();
        JsonNode reply = send(request("Delete", to, "https://issuer.example.com"), to);
        assertEquals("SUCCESS", reply.path("Status").asText(), reply.toString());
        assertEquals("parley-dev-ParleyDeployHook", reply.path("PhysicalResourceId").asText());
        assertTrue(
                store.load().map(stored -> stored.byModelId().isEmpty()).orElse(true),
                "no refresh on Delete");
    }

    @Test
    void aRefreshTheAccountRefusesStillLetsTheDeployGoOn() {
        Faults.bedrock()
                .add(
                        FaultRule.when("GET", "^/foundation-models")
                                .then(
                                        AwsErrors.bedrock(
                                                403,
                                                "AccessDeniedException",
                                                "User is not authorized to perform: bedrock:ListFoundationModels")));
        ReplyObject to = replyObject();
        JsonNode reply = send(request("Update", to, "https://issuer.example.com"), to);
        assertEquals("SUCCESS", reply.path("Status").asText(), reply.toString());
        String reason = reply.path("Reason").asText();
        assertTrue(
                reason.contains("catalog refresh failed")
                        && reason.contains("daily schedule retries"),
                reason);
        assertTrue(reply.at("/Data/ParleyFunctionDigest").isTextual(), reply.toString());
    }

    @Test
    void aBrokenRequestIsAnsweredFailedAndNeverCrashesTheFunction() {
        ReplyObject to = replyObject();
        ObjectNode unknownType =
                request("Create", to, "https://issuer.example.com").put("RequestType", "Upsert");
        JsonNode reply = send(unknownType, to);
        assertEquals("FAILED", reply.path("Status").asText());
        assertTrue(
                reply.path("Reason")
                        .asText()
                        .contains("RequestType must be Create, Update or Delete"),
                reply.toString());

        ReplyObject badProperties = replyObject();
        ObjectNode notAnObject = request("Update", badProperties, "x");
        notAnObject.put("ResourceProperties", "Config=1");
        assertEquals("FAILED", send(notAnObject, badProperties).path("Status").asText());

        ReplyObject badConfig = replyObject();
        ObjectNode configText = request("Update", badConfig, "x");
        ((ObjectNode) configText.get("ResourceProperties")).put("Config", "JwtIssuer=x");
        assertTrue(
                send(configText, badConfig)
                        .path("Reason")
                        .asText()
                        .contains("Config must be an object"));

        // No reply address at all: nothing to PUT to, answered in the invocation's result.
        ObjectNode noUrl = request("Create", replyObject(), "x");
        noUrl.remove("ResponseURL");
        JsonNode result = Lambda.invoke(noUrl).raw();
        assertEquals("FAILED", result.path("Status").asText(), result.toString());
        assertTrue(
                result.path("Reason").asText().contains("ResponseURL is missing"),
                result.toString());
        assertFalse(result.path("replied").asBoolean(true));
    }

    @Test
    void aReplyGoesOnlyToAPreSignedS3Url() {
        ReplyObject to = replyObject();
        ObjectNode event = request("Create", to, "x");
        // Anyone allowed to invoke the function could name any URL: only S3's (and here the
        // stand-in's) are used.
        event.put(
                "ResponseURL", to.url().toString().replace("http://127.0.0.1", "http://localhost"));
        JsonNode result = Lambda.invoke(event).raw();
        assertFalse(result.path("replied").asBoolean(true), result.toString());
        assertFalse(replied(to));
    }
}
