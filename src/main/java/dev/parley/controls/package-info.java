/**
 * Bedrock's per-call controls that every model call carries: the service tier (asked per request,
 * else the key's default, else the deployment's) and the {@code requestMetadata} tags (ids only)
 * that attribute each call in Bedrock's model-invocation logs. See docs/per-call-controls.md.
 */
package dev.parley.controls;
