package dev.parley.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.tools.Tool;
import dev.parley.tools.ToolContext;
import dev.parley.tools.ToolException;
import dev.parley.tools.ToolSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads the text of a document the caller uploaded. It can only reach the configured bucket, and
 * there only the caller's own folder ({@code prefix + caller + "/"}): the model names a key
 * relative to that folder, and anything that tries to climb out of it is refused.
 */
@ApplicationScoped
public class ReadDocumentTool implements Tool {
    private static final JsonNode SCHEMA =
            Schemas.parse(
                    """
            {"type": "object",
             "properties": {"key": {"type": "string", "minLength": 1, "maxLength": 512,
               "description": "The document's name within the user's uploads, e.g. reports/q3.txt"}},
             "required": ["key"], "additionalProperties": false}""");

    private final ToolSettings.ReadDocument settings;
    private final Instance<S3Client> s3;
    private final ObjectMapper mapper;

    ReadDocumentTool(ToolSettings settings, Instance<S3Client> s3, ObjectMapper mapper) {
        this.settings = settings.readDocument();
        this.s3 = s3;
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return "read_document";
    }

    @Override
    public String description() {
        return "Reads the text of a document the user uploaded, by its name (key) in their uploads.";
    }

    @Override
    public JsonNode inputSchema() {
        return SCHEMA;
    }

    @Override
    public JsonNode execute(JsonNode input, ToolContext context) {
        String bucket =
                settings.bucket()
                        .orElseThrow(() -> new ToolException("no documents bucket is configured"));
        String relative = input.path("key").asText();
        String key = settings.prefix() + context.caller() + "/" + safeRelative(relative);
        try {
            HeadObjectResponse head = s3.get().headObject(h -> h.bucket(bucket).key(key));
            if (head.contentLength() > settings.maxBytes()) {
                throw new ToolException(
                        "'"
                                + relative
                                + "' is "
                                + head.contentLength()
                                + " bytes; the tool reads at most "
                                + settings.maxBytes());
            }
            byte[] bytes = s3.get().getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray();
            return mapper.createObjectNode()
                    .put("key", relative)
                    .put("bytes", bytes.length)
                    .put("text", text(bytes, relative));
        } catch (NoSuchKeyException e) {
            throw new ToolException("there is no document '" + relative + "'");
        } catch (S3Exception e) {
            throw new ToolException(
                    e.statusCode() == 404
                            ? "there is no document '" + relative + "'"
                            : "the document store answered HTTP " + e.statusCode());
        } catch (SdkException e) {
            throw new ToolException("the document store could not be reached");
        }
    }

    /** Keys are relative to the caller's folder: no absolute paths, no "..", no control characters. */
    static String safeRelative(String key) {
        if (key.startsWith("/")
                || key.contains("\\")
                || key.chars().anyMatch(Character::isISOControl)) {
            throw new ToolException("'" + key + "' is not a document name");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new ToolException("'" + key + "' is not a document name");
            }
        }
        return key;
    }

    private static String text(byte[] bytes, String key) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ToolException("'" + key + "' is not a text document");
        }
    }
}
