package dev.parley.table;

/**
 * Every key the single table's items are stored under, registered here once (the layout is in
 * {@link SingleTable}). A feature's items live under its own partition prefixes, so no query of one
 * feature ever meets another's items; {@code KeyPrefixTest} checks that no two prefixes of the same
 * attribute overlap. The texts are the stored data's wire format: changing one makes stored items
 * unreadable.
 */
public enum KeyPrefix {
    // Partitions (pk).
    CONVERSATION(Attribute.PK, "CONV#"),
    API_KEY(Attribute.PK, "APIKEY#"),
    STORED_RESPONSE(Attribute.PK, "RESP#"),
    CACHED_ANSWER(Attribute.PK, "CACHE#"),
    DOCUMENT(Attribute.PK, "DOC#"),
    HAND_OFF(Attribute.PK, "HANDOFF#"),
    USAGE(Attribute.PK, "USAGE#"),
    CATALOG(Attribute.PK, "CATALOG#"),

    // Sort keys (sk); a fixed sort key is its prefix alone.
    CONVERSATION_META(Attribute.SK, "META"),
    MESSAGE(Attribute.SK, "MSG#"),
    KEY_RECORD(Attribute.SK, "KEY"),
    RATE_MINUTE(Attribute.SK, "RATE#"),
    KEY_CAPS(Attribute.SK, "CAPS#"),
    RESPONSE(Attribute.SK, "RESPONSE"),
    DOCUMENT_VERSION(Attribute.SK, "VER#"),
    CLAIM(Attribute.SK, "CLAIM"),
    USAGE_DAY(Attribute.SK, "DAY#"),
    REPORT(Attribute.SK, "REPORT"),

    // Partitions of the byOwner index (gsi1pk).
    CONVERSATION_OWNER(Attribute.GSI1_PK, "OWNER#"),
    KEY_OWNER(Attribute.GSI1_PK, "APIKEYS#"),
    DOCUMENT_OWNER(Attribute.GSI1_PK, "DOCS#"),
    USAGE_MONTH(Attribute.GSI1_PK, "USAGE#MONTH#"),

    // Segments inside a sort key, after its prefix and the parts before them.
    /** A usage day's calls made with an API key: {@code DAY#{day}#{model}#KEY#{keyId}}. */
    USAGE_KEY_SEGMENT(Attribute.SK_SEGMENT, "#KEY#");

    /** Which key attribute a prefix is written to. */
    public enum Attribute {
        PK(SingleTable.PK),
        SK(SingleTable.SK),
        GSI1_PK(SingleTable.GSI1_PK),
        /** Inside a sort key, not at its start: never the start of a {@code begins_with}. */
        SK_SEGMENT(SingleTable.SK);

        private final String name;

        Attribute(String name) {
            this.name = name;
        }

        public String attributeName() {
            return name;
        }
    }

    private final Attribute attribute;
    private final String text;

    KeyPrefix(Attribute attribute, String text) {
        this.attribute = attribute;
        this.text = text;
    }

    public Attribute attribute() {
        return attribute;
    }

    /** The prefix itself: a fixed key, or the start of a {@code begins_with} condition. */
    public String text() {
        return text;
    }

    /** The key of one item under this prefix. */
    public String key(Object rest) {
        return text + rest;
    }

    /** What follows the prefix in {@code key}, which must carry it. */
    public String strip(String key) {
        if (!key.startsWith(text)) {
            throw new IllegalArgumentException("'" + key + "' does not start with " + text);
        }
        return key.substring(text.length());
    }
}
