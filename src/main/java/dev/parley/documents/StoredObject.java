package dev.parley.documents;

/** An object's bytes as read from S3, with its Content-Type metadata (possibly null). */
record StoredObject(byte[] bytes, String contentType) {}
