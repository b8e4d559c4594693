package dev.parley.openai;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A client's tool-call ids as Bedrock takes them. Converse's ToolUseId is 1 to 64 of
 * {@code [a-zA-Z0-9_.:-]} (botocore's bedrock-runtime model) while OpenAI clients may send any
 * string they minted. An id Bedrock would refuse is replaced by a digest of it: the same id
 * always maps to the same replacement, so a tool call and the tool message answering it still
 * pair up, and the ids never travel back to the client (the next answer carries Bedrock's own).
 */
final class ToolCallIds {

    static final Pattern BEDROCK_ID = Pattern.compile("[a-zA-Z0-9_.:-]{1,64}");

    private ToolCallIds() {}

    static String forBedrock(String clientId) {
        if (BEDROCK_ID.matcher(clientId).matches()) {
            return clientId;
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(clientId.getBytes(StandardCharsets.UTF_8));
            return "call_" + HexFormat.of().formatHex(digest, 0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
