package dev.parley.http;

/** A response body that is text of its own media type (e.g. a {@code text/event-stream}), sent as is. */
public record TextBody(String contentType, String text) {}
