package dev.parley.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.aws.SecretReader;
import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.modelcall.ContentBlock;
import dev.parley.openai.OpenAiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * A reasoning block as the opaque {@code encrypted_content} of a reasoning item, and back. Bedrock
 * needs the reasoning text with its signature (or the redacted bytes) unchanged to continue a tool
 * loop; the client keeps them between stateless requests ({@code store: false}). AES-256-GCM with a
 * key derived from the deployment's reasoning secret (HMAC-SHA256; see {@link #key()}), the owner as associated
 * data: a client can neither read, alter nor forge the content, nor pass another owner's on.
 */
@ApplicationScoped
public class ReasoningSeal {
    private static final Logger LOG = Logger.getLogger(ReasoningSeal.class);
    private static final String VERSION = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ResponsesSettings settings;
    private final SecretReader secrets;
    private final SecureRandom random = new SecureRandom();

    /** Derived on first use, not at start-up: deployed, the secret is read from Secrets Manager. */
    private volatile SecretKeySpec key;

    ReasoningSeal(ResponsesSettings settings, SecretReader secrets) {
        this.settings = settings;
        this.secrets = secrets;
    }

    /**
     * The AES key: from {@code parley.responses.reasoning-secret} (local runs, tests), else from the
     * Secrets Manager secret {@code parley.responses.reasoning-secret-arn} names (deployments: every
     * instance reads the same), else random for this instance. A secret that cannot be read fails
     * the request and is read again by the next one: a random key would seal what other instances
     * cannot open.
     */
    private SecretKeySpec key() {
        SecretKeySpec known = key;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (key == null) {
                key = new SecretKeySpec(derive(secret()), "AES");
            }
            return key;
        }
    }

    private byte[] secret() {
        Optional<String> given = settings.reasoningSecret().filter(s -> !s.isBlank());
        if (given.isPresent()) {
            return given.get().getBytes(StandardCharsets.UTF_8);
        }
        if (settings.reasoningSecretArn().filter(s -> !s.isBlank()).isPresent()) {
            return secrets.read(
                            settings.reasoningSecretArn().get(),
                            "the Responses API's reasoning secret")
                    .map(text -> text.getBytes(StandardCharsets.UTF_8))
                    .orElseThrow(
                            () ->
                                    new ParleyException(
                                            ErrorCode.INTERNAL_ERROR,
                                            "the deployment's reasoning"
                                                    + " secret (parley.responses.reasoning-secret-arn) could not be read; see the function's"
                                                    + " log. Retry, or send the request without encrypted reasoning"));
        }
        byte[] random = new byte[32];
        this.random.nextBytes(random);
        LOG.warn(
                "parley.responses.reasoning-secret(-arn) is not set: encrypted reasoning is readable by this instance"
                        + " only; set it (the same on every instance) for store:false clients such as Codex");
        return random;
    }

    /** The block sealed for {@code owner}. */
    public String seal(ContentBlock block, String owner) {
        ObjectNode plain = JSON.createObjectNode();
        if (block instanceof ContentBlock.Reasoning reasoning) {
            plain.put("text", reasoning.text());
            if (reasoning.signature() != null) {
                plain.put("signature", reasoning.signature());
            }
        } else if (block instanceof ContentBlock.RedactedReasoning redacted) {
            plain.put("redacted", Base64.getEncoder().encodeToString(redacted.data()));
        } else {
            throw new IllegalArgumentException("only reasoning blocks are sealed");
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(JSON.writeValueAsBytes(plain));
            return VERSION
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(
                                    ByteBuffer.allocate(nonce.length + sealed.length)
                                            .put(nonce)
                                            .put(sealed)
                                            .array());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** The block {@code content} holds; content that was not sealed here for {@code owner} is a 400 naming {@code param}. */
    public ContentBlock open(String content, String owner, String param) {
        try {
            if (!content.startsWith(VERSION)) {
                throw new GeneralSecurityException("unknown version");
            }
            byte[] data = Base64.getUrlDecoder().decode(content.substring(VERSION.length()));
            if (data.length <= NONCE_BYTES) {
                throw new GeneralSecurityException("too short");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, data, 0, NONCE_BYTES));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            JsonNode plain =
                    JSON.readTree(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES));
            if (plain.has("redacted")) {
                return new ContentBlock.RedactedReasoning(
                        Base64.getDecoder().decode(plain.get("redacted").asText()));
            }
            return new ContentBlock.Reasoning(
                    plain.path("text").asText(),
                    plain.hasNonNull("signature") ? plain.get("signature").asText() : null);
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw OpenAiException.invalid(
                    param,
                    "Invalid '"
                            + param
                            + "': the encrypted content could not be verified."
                            + " Pass reasoning items back exactly as this deployment returned them.");
        }
    }

    private static byte[] derive(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal("parley responses reasoning v1".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
