/**
 * Structured outputs for every protocol: an answer that is JSON matching a requested schema,
 * through Bedrock's native {@code outputConfig.textFormat} where the model takes it, else a
 * forced tool call; validated before it is returned, with one retry.
 */
package dev.parley.structured;
