package dev.parley.local.bedrock.guardrails;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bedrock's content filters (harmful categories and prompt attacks) are classifiers; the emulator
 * approximates each with a list of telling phrases, so tests can trip a filter on purpose. A
 * phrase found counts as a HIGH-confidence detection, which any strength other than NONE blocks.
 */
final class ContentFilters {

    static final List<String> TYPES =
            List.of("SEXUAL", "VIOLENCE", "HATE", "INSULTS", "MISCONDUCT", "PROMPT_ATTACK");

    private static final Map<String, List<String>> PHRASES =
            Map.of(
                    "SEXUAL", List.of("explicit sex", "sexual act", "porn", "nude photos"),
                    "VIOLENCE",
                            List.of(
                                    "kill him",
                                    "kill her",
                                    "kill them",
                                    "murder",
                                    "stab",
                                    "shoot them",
                                    "beat him up",
                                    "torture"),
                    "HATE", List.of("subhuman", "ethnic cleansing", "i hate all", "inferior race"),
                    "INSULTS",
                            List.of(
                                    "you idiot",
                                    "you moron",
                                    "stupid idiot",
                                    "you are worthless",
                                    "shut up, loser"),
                    "MISCONDUCT",
                            List.of(
                                    "build a bomb",
                                    "make a bomb",
                                    "make meth",
                                    "launder money",
                                    "steal a car",
                                    "hack into",
                                    "counterfeit money"),
                    "PROMPT_ATTACK",
                            List.of(
                                    "ignore previous instructions",
                                    "ignore all previous instructions",
                                    "ignore your instructions",
                                    "ignore the above",
                                    "disregard previous instructions",
                                    "disregard your instructions",
                                    "forget your instructions",
                                    "reveal your system prompt",
                                    "print your system prompt",
                                    "you are now dan",
                                    "do anything now",
                                    "developer mode enabled",
                                    "jailbreak"));

    private ContentFilters() {}

    /** The first phrase of the filter found in {@code text}, or null. */
    static String detect(String type, String text) {
        String lower = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        for (String phrase : PHRASES.getOrDefault(type, List.of())) {
            if (lower.contains(phrase)) {
                return phrase;
            }
        }
        return null;
    }
}
