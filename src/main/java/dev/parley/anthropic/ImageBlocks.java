package dev.parley.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.ModelSpec;
import java.util.Base64;
import java.util.Map;

/**
 * Anthropic {@code image} blocks as Converse images, held to Bedrock's limits so a refusal is a
 * clear 400 here rather than a Bedrock ValidationException later: base64 sources only (Parley
 * fetches no URLs), PNG, JPEG, GIF or WebP, at most 3.75 MB and 8,000 pixels a side (Converse
 * ImageBlock: "The maximum image size is 3.75 MB. The maximum height and width of an image are
 * 8000 px"; the sides are read from PNG and GIF headers, which carry them at fixed offsets).
 */
final class ImageBlocks {
    static final int MAX_BYTES = 3_750_000;
    static final int MAX_SIDE = 8000;

    /** Converse: "You can include up to 20 images" per request. */
    static final int MAX_IMAGES = 20;

    private static final Map<String, String> FORMATS =
            Map.of(
                    "image/png",
                    "png",
                    "image/jpeg",
                    "jpeg",
                    "image/gif",
                    "gif",
                    "image/webp",
                    "webp");

    private ImageBlocks() {}

    static ContentBlock.Image image(JsonNode block, String path, ModelSpec model) {
        if (!model.capabilities().vision()) {
            throw AnthropicException.invalid(
                    path,
                    "model "
                            + model.alias()
                            + " ("
                            + model.modelId()
                            + ") does not read"
                            + " images; send text only or choose a model with vision (GET /v1/models, capabilities.vision)");
        }
        JsonNode source =
                Fields.present(block, "source").orElseThrow(() -> Fields.missing(path + ".source"));
        String type = Fields.requiredString(source, "type", path + ".source");
        if (!type.equals("base64")) {
            throw AnthropicException.invalid(
                    path + ".source.type",
                    "Parley accepts images as base64 sources only; it"
                            + " does not fetch '"
                            + type
                            + "' sources");
        }
        String mediaType = Fields.requiredString(source, "media_type", path + ".source");
        String format = FORMATS.get(mediaType);
        if (format == null) {
            throw AnthropicException.invalid(
                    path + ".source.media_type",
                    "Input should be 'image/jpeg', 'image/png'," + " 'image/gif' or 'image/webp'");
        }
        byte[] bytes =
                decode(
                        Fields.requiredString(source, "data", path + ".source"),
                        path + ".source.data");
        if (bytes.length > MAX_BYTES) {
            throw AnthropicException.invalid(
                    path + ".source.data",
                    "image is "
                            + bytes.length
                            + " bytes; Bedrock takes"
                            + " images of at most "
                            + MAX_BYTES
                            + " bytes (3.75 MB)");
        }
        int[] size =
                format.equals("png")
                        ? side(bytes, 16, true)
                        : format.equals("gif") ? side(bytes, 6, false) : null;
        if (size != null && (size[0] > MAX_SIDE || size[1] > MAX_SIDE)) {
            throw AnthropicException.invalid(
                    path + ".source.data",
                    "image is "
                            + size[0]
                            + "x"
                            + size[1]
                            + " pixels;"
                            + " Bedrock takes images of at most "
                            + MAX_SIDE
                            + " pixels a side");
        }
        return new ContentBlock.Image(format, bytes);
    }

    static byte[] decode(String data, String path) {
        try {
            return Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw AnthropicException.invalid(path, "the data is not valid base64");
        }
    }

    /** Width and height at {@code offset}: PNG's IHDR (4-byte big-endian), GIF's screen (2-byte little-endian). */
    private static int[] side(byte[] bytes, int offset, boolean bigEndian4) {
        int length = bigEndian4 ? 8 : 4;
        if (bytes.length < offset + length) {
            return null;
        }
        if (bigEndian4) {
            return new int[] {readInt(bytes, offset), readInt(bytes, offset + 4)};
        }
        return new int[] {
            (bytes[offset] & 0xff) | (bytes[offset + 1] & 0xff) << 8,
            (bytes[offset + 2] & 0xff) | (bytes[offset + 3] & 0xff) << 8
        };
    }

    private static int readInt(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24
                | (bytes[at + 1] & 0xff) << 16
                | (bytes[at + 2] & 0xff) << 8
                | bytes[at + 3] & 0xff;
    }
}
