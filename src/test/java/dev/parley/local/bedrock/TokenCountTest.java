package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The emulator's word-piece count, and that it is not Parley's four-characters rule. */
class TokenCountTest {

    @Test
    void wordsDigitsPunctuationAndWhitespaceCountAsDocumented() {
        assertEquals(0, TokenCount.of(""));
        assertEquals(4, TokenCount.of("The quick brown fox"));
        assertEquals(
                3,
                TokenCount.of("internationalisation"),
                "20 letters: one token per eight, rounded up");
        assertEquals(3, TokenCount.of("1234567"), "digits in groups of three");
        assertEquals(3, TokenCount.of("a.b"));
        assertEquals(3, TokenCount.of("a\n\nb"), "a newline run is a token, a single space is not");
        assertEquals(4, TokenCount.of("東京都庁"), "one token per Han character");
        assertEquals(1, TokenCount.of(" "));
    }

    /** Parley's estimate (caching/PromptTokens): four characters a token. */
    private static int parleysEstimate(String text) {
        return text.length() / 4;
    }

    @Test
    void itDisagreesWithParleysEstimateWhereBpeWould() {
        String prose = "You are a careful assistant for the city library. ".repeat(20);
        int emulator = TokenCount.of(prose);
        int parley = parleysEstimate(prose);
        assertNotEquals(parley, emulator);
        // Close on English prose (within a fifth), far apart on digits and CJK.
        assertTrue(Math.abs(parley - emulator) < parley / 5, parley + " vs " + emulator);
        assertTrue(TokenCount.of("東京都庁".repeat(100)) > 2 * parleysEstimate("東京都庁".repeat(100)));
    }
}
