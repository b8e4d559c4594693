package dev.parley.http;

/** A response body that is already JSON text (e.g. a model's native answer) and is sent as is. */
public record RawJson(String json) {}
