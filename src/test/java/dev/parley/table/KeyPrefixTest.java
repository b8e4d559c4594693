package dev.parley.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KeyPrefixTest {

    /** The stored items' keys: a change here makes every item already in a table unreadable. */
    @Test
    void everyPrefixKeepsItsStoredText() {
        Map<String, String> expected =
                new TreeMap<>(
                        Map.ofEntries(
                                Map.entry("CONVERSATION", "pk CONV#"),
                                Map.entry("API_KEY", "pk APIKEY#"),
                                Map.entry("STORED_RESPONSE", "pk RESP#"),
                                Map.entry("CACHED_ANSWER", "pk CACHE#"),
                                Map.entry("DOCUMENT", "pk DOC#"),
                                Map.entry("HAND_OFF", "pk HANDOFF#"),
                                Map.entry("USAGE", "pk USAGE#"),
                                Map.entry("CATALOG", "pk CATALOG#"),
                                Map.entry("CONVERSATION_META", "sk META"),
                                Map.entry("MESSAGE", "sk MSG#"),
                                Map.entry("KEY_RECORD", "sk KEY"),
                                Map.entry("RATE_MINUTE", "sk RATE#"),
                                Map.entry("KEY_CAPS", "sk CAPS#"),
                                Map.entry("RESPONSE", "sk RESPONSE"),
                                Map.entry("DOCUMENT_VERSION", "sk VER#"),
                                Map.entry("CLAIM", "sk CLAIM"),
                                Map.entry("USAGE_DAY", "sk DAY#"),
                                Map.entry("REPORT", "sk REPORT"),
                                Map.entry("CONVERSATION_OWNER", "gsi1pk OWNER#"),
                                Map.entry("KEY_OWNER", "gsi1pk APIKEYS#"),
                                Map.entry("DOCUMENT_OWNER", "gsi1pk DOCS#"),
                                Map.entry("USAGE_MONTH", "gsi1pk USAGE#MONTH#"),
                                Map.entry("USAGE_KEY_SEGMENT", "sk #KEY#")));
        Map<String, String> actual =
                Arrays.stream(KeyPrefix.values())
                        .collect(
                                Collectors.toMap(
                                        Enum::name,
                                        p -> p.attribute().attributeName() + " " + p.text(),
                                        (a, b) -> a,
                                        TreeMap::new));
        assertEquals(expected, actual);
    }

    /**
     * No partition key of one kind can be read as another's: within one attribute, no prefix starts
     * with another (so {@code CONV#} + an id never equals some other prefix + an id).
     */
    @Test
    void noPrefixOverlapsAnotherOfTheSameAttribute() {
        for (KeyPrefix a : KeyPrefix.values()) {
            for (KeyPrefix b : KeyPrefix.values()) {
                if (a != b && a.attribute() == b.attribute()) {
                    assertFalse(b.text().startsWith(a.text()), a + " is a prefix of " + b);
                }
            }
        }
    }

    @Test
    void aKeyIsItsPrefixAndItsRest() {
        String key = KeyPrefix.CONVERSATION.key("c-1");
        assertEquals("CONV#c-1", key);
        assertEquals("c-1", KeyPrefix.CONVERSATION.strip(key));
        assertThrows(IllegalArgumentException.class, () -> KeyPrefix.DOCUMENT.strip(key));
    }
}
