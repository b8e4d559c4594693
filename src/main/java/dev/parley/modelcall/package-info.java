/**
 * The model-call vocabulary every package speaks: messages and content blocks, the call
 * ({@link dev.parley.modelcall.ModelCall}) and its reply, usage, the block-level stream listener,
 * the model's spec, features and lifecycle dates, and the guardrail records. Pure shapes with no
 * dependency above {@code error/}: {@code bedrock/} translates them to and from the SDK's Converse
 * types, and every edge ({@code openai/}, {@code anthropic/}, {@code chat/}, ...) translates into them.
 */
package dev.parley.modelcall;
