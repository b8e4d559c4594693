package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Bedrock's rules on what a Converse message may carry, beyond the model's own features:
 * <ul>
 * <li>Message (API reference, API_runtime_Message): up to 20 images of at most 3.75 MB and 8,000 px
 * a side, up to five documents of at most 4.5 MB, a text block beside any document, images and
 * documents in user messages only;</li>
 * <li>DocumentBlock.name: 1 to 200 characters, alphanumerics, whitespace (no two in a row),
 * hyphens, parentheses and square brackets; underscores pass too (checked live by vercel/ai#20366
 * and strands-agents/harness-sdk#3019), non-ASCII letters and dots do not. The refusal's wording is
 * Bedrock's, quoted in simonw/llm-bedrock#8 and vercel/ai#20365;</li>
 * <li>botocore's bedrock-runtime model: ToolName {@code [a-zA-Z0-9_-]+} of 1 to 64 characters,
 * ToolUseId {@code [a-zA-Z0-9_.:-]+} of 1 to 64, answered in the AWS framework's constraint format.</li>
 * </ul>
 * Counts and sizes are per request, as the API reference states them for the content of a call.
 */
final class ContentRules {

    static final int MAX_IMAGES = 20;
    static final long MAX_IMAGE_BYTES = 3_750_000;
    static final int MAX_IMAGE_SIDE = 8000;
    static final int MAX_DOCUMENTS = 5;
    static final long MAX_DOCUMENT_BYTES = 4_500_000;

    static final String DOCUMENT_NAME_REFUSED =
            "The document file name can only contain alphanumeric characters,"
                    + " whitespace characters, hyphens, parentheses, and square brackets. The name can't contain more than one"
                    + " consecutive whitespace character. Check that the file name conforms to these restrictions and retry"
                    + " your request.";

    private static final Pattern DOCUMENT_NAME = Pattern.compile("[A-Za-z0-9_\\-()\\[\\]\\s]+");
    private static final Pattern DOUBLE_WHITESPACE = Pattern.compile("\\s\\s");
    static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]+");
    static final Pattern TOOL_USE_ID = Pattern.compile("[a-zA-Z0-9_.:-]+");

    private ContentRules() {}

    static void check(JsonNode body) {
        checkConstraints(body);
        int images = 0;
        int documents = 0;
        JsonNode messages = body.path("messages");
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            boolean user = "user".equals(message.path("role").asText());
            boolean hasText = false;
            boolean hasDocument = false;
            for (JsonNode block : message.path("content")) {
                hasText |= block.has("text");
                if (block.has("image")) {
                    images++;
                    requireUser(user, "image", i);
                    checkImage(block.get("image"));
                }
                if (block.has("document")) {
                    documents++;
                    hasDocument = true;
                    requireUser(user, "document", i);
                    checkDocument(block.get("document"));
                }
            }
            if (hasDocument && !hasText) {
                throw BedrockFault.validation(
                        "The message at messages."
                                + i
                                + " contains a document but no text."
                                + " Add a text content block alongside the document and try again.");
            }
        }
        if (images > MAX_IMAGES) {
            throw BedrockFault.validation(
                    "Too many images: the request has "
                            + images
                            + " and at most "
                            + MAX_IMAGES
                            + " are allowed.");
        }
        if (documents > MAX_DOCUMENTS) {
            throw BedrockFault.validation(
                    "Too many documents: the request has "
                            + documents
                            + " and at most "
                            + MAX_DOCUMENTS
                            + " are allowed.");
        }
    }

    /** The length and pattern constraints of botocore's model, in the framework's own format. */
    private static void checkConstraints(JsonNode body) {
        List<String> errors = new ArrayList<>();
        JsonNode tools = body.path("toolConfig").path("tools");
        for (int i = 0; i < tools.size(); i++) {
            JsonNode name = tools.get(i).path("toolSpec").get("name");
            if (name != null) {
                pattern(
                        errors,
                        name.asText(),
                        "toolConfig.tools." + (i + 1) + ".member.toolSpec.name",
                        TOOL_NAME,
                        64);
            }
        }
        JsonNode messages = body.path("messages");
        for (int i = 0; i < messages.size(); i++) {
            JsonNode content = messages.get(i).path("content");
            for (int j = 0; j < content.size(); j++) {
                String at = "messages." + (i + 1) + ".member.content." + (j + 1) + ".member.";
                JsonNode use = content.get(j).get("toolUse");
                if (use != null) {
                    pattern(
                            errors,
                            use.path("toolUseId").asText(),
                            at + "toolUse.toolUseId",
                            TOOL_USE_ID,
                            64);
                    pattern(errors, use.path("name").asText(), at + "toolUse.name", TOOL_NAME, 64);
                }
                JsonNode result = content.get(j).get("toolResult");
                if (result != null) {
                    pattern(
                            errors,
                            result.path("toolUseId").asText(),
                            at + "toolResult.toolUseId",
                            TOOL_USE_ID,
                            64);
                }
                JsonNode document = content.get(j).get("document");
                if (document != null && document.path("name").asText("").length() > 200) {
                    errors.add(
                            "Value '"
                                    + document.path("name").asText()
                                    + "' at '"
                                    + at
                                    + "document.name' failed to"
                                    + " satisfy constraint: Member must have length less than or equal to 200");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw BedrockFault.validation(
                    errors.size()
                            + " validation error"
                            + (errors.size() == 1 ? "" : "s")
                            + " detected: "
                            + String.join("; ", errors));
        }
    }

    private static void pattern(
            List<String> errors, String value, String path, Pattern pattern, int maxLength) {
        if (value.isEmpty()) {
            errors.add(
                    "Value '' at '"
                            + path
                            + "' failed to satisfy constraint: Member must have length greater than"
                            + " or equal to 1");
        } else if (value.length() > maxLength) {
            errors.add(
                    "Value '"
                            + value
                            + "' at '"
                            + path
                            + "' failed to satisfy constraint: Member must have length"
                            + " less than or equal to "
                            + maxLength);
        } else if (!pattern.matcher(value).matches()) {
            errors.add(
                    "Value '"
                            + value
                            + "' at '"
                            + path
                            + "' failed to satisfy constraint: Member must satisfy"
                            + " regular expression pattern: "
                            + pattern.pattern());
        }
    }

    private static void requireUser(boolean user, String kind, int index) {
        if (!user) {
            throw BedrockFault.validation(
                    "The message at messages."
                            + index
                            + " has an "
                            + kind
                            + " content block, but only messages with the user role can include images and documents.");
        }
    }

    /** Whether Bedrock takes {@code name} as a document name (the length rule is checked with the constraints). */
    static boolean validDocumentName(String name) {
        return !name.isEmpty()
                && DOCUMENT_NAME.matcher(name).matches()
                && !DOUBLE_WHITESPACE.matcher(name).find();
    }

    private static void checkDocument(JsonNode document) {
        String name = document.path("name").asText("");
        if (!validDocumentName(name)) {
            throw BedrockFault.validation(DOCUMENT_NAME_REFUSED);
        }
        long bytes = decodedLength(document.path("source").path("bytes"));
        if (bytes > MAX_DOCUMENT_BYTES) {
            throw BedrockFault.validation(
                    "The document "
                            + name
                            + " is "
                            + bytes
                            + " bytes; each document must be no"
                            + " more than 4.5 MB.");
        }
    }

    private static void checkImage(JsonNode image) {
        JsonNode encoded = image.path("source").path("bytes");
        long bytes = decodedLength(encoded);
        if (bytes > MAX_IMAGE_BYTES) {
            throw BedrockFault.validation(
                    "An image is " + bytes + " bytes; each image must be no more than 3.75 MB.");
        }
        int[] size = ImageSize.of(encoded.isTextual() ? decode(encoded.asText()) : new byte[0]);
        if (size != null && (size[0] > MAX_IMAGE_SIDE || size[1] > MAX_IMAGE_SIDE)) {
            throw BedrockFault.validation(
                    "An image is "
                            + size[0]
                            + "x"
                            + size[1]
                            + " px; each image's width and"
                            + " height must be no more than "
                            + MAX_IMAGE_SIDE
                            + " px.");
        }
    }

    /** Blob members travel base64-encoded in the JSON body; the limits are on the decoded bytes. */
    private static long decodedLength(JsonNode base64) {
        if (!base64.isTextual()) {
            return 0;
        }
        String text = base64.asText();
        int padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
        return (long) text.length() * 3 / 4 - padding;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw BedrockFault.validation("Invalid base64 in an image's bytes.");
        }
    }
}
