/**
 * Model lifecycle: whether a catalog model is active, legacy or retired today, computed from the
 * application clock and the feature matrix's dates (never stored), the {@code Deprecation} /
 * {@code Sunset} / {@code Link} headers that warn a legacy model's callers (RFC 9745, RFC 8594),
 * the 410 {@code model_retired} refusal before Bedrock is called, and the legacy-call metric.
 */
package dev.parley.lifecycle;
