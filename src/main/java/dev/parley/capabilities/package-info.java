/**
 * Refuses, before Bedrock is called, a model call the model cannot serve (tools, streaming tool
 * use, documents, images, extended thinking, sampling rules), with a 400 naming the model and the
 * capability. Capabilities come from the feature matrix through the catalog's {@code ModelSpec}.
 */
package dev.parley.capabilities;
