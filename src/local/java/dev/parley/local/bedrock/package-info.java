/**
 * A local Amazon Bedrock Runtime emulator for tests and local runs.
 *
 * <p>{@link dev.parley.local.bedrock.BedrockEmulator} serves {@code POST /model/{modelId}/converse},
 * {@code /converse-stream}, {@code /invoke} and {@code /invoke-with-response-stream} with Bedrock's
 * wire formats (JSON, AWS event-stream framing, {@code x-amzn-ErrorType} errors), so the unmodified
 * AWS SDKs work against it through an endpoint override. {@link dev.parley.local.bedrock.EmulatorControl}
 * drives its {@code /_emulator/} endpoints (reset, script, latency, calls).
 *
 * <p>Without a script every known model (see {@code ModelCatalog}) answers offline and
 * deterministically, in this order of precedence:
 * <ol>
 * <li>the last user message carries tool results: a text answer quoting them;</li>
 * <li>tools are offered and the message asks for one (its name, a salient word of its name or
 *     description, an arithmetic expression for a tool taking an expression, or {@code toolChoice}
 *     any/tool): a {@code toolUse} whose input is built from the tool's JSON schema;</li>
 * <li>a short follow-up asking to make it shorter / one sentence: the previous answer's most
 *     informative sentence;</li>
 * <li>the system prompt or the instructions mention "summar": an extractive summary of the text
 *     inside {@code <text>} tags (style from "bullet", "one sentence", "detailed");</li>
 * <li>otherwise {@code You said: "<message>"}.</li>
 * </ol>
 */
package dev.parley.local.bedrock;
