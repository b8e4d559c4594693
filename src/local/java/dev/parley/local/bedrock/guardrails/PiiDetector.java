package dev.parley.local.bedrock.guardrails;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds PII the way a pattern can: the entity types the emulator recognises, each a regular
 * expression (card numbers also pass the Luhn check, as real card numbers do). Other entity
 * types Bedrock knows (NAME, ADDRESS, ...) need a language model; a guardrail may configure them,
 * but the emulator never detects them.
 */
final class PiiDetector {

    /** One found entity: its type, the matched text and where it is. */
    record Match(String type, String text, int start, int end) {}

    private static final Map<String, Pattern> PATTERNS = new LinkedHashMap<>();

    static {
        PATTERNS.put("EMAIL", Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"));
        PATTERNS.put("US_SOCIAL_SECURITY_NUMBER", Pattern.compile("\\b\\d{3}-\\d{2}-\\d{4}\\b"));
        PATTERNS.put("CREDIT_DEBIT_CARD_NUMBER", Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b"));
        PATTERNS.put(
                "PHONE",
                Pattern.compile(
                        "(?<![\\w-])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{3}\\)|\\d{3})[ .-]\\d{3}[ .-]\\d{4}(?![\\w-])"));
        PATTERNS.put(
                "IP_ADDRESS",
                Pattern.compile(
                        "\\b(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\b"));
        PATTERNS.put("AWS_ACCESS_KEY", Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b"));
    }

    private PiiDetector() {}

    static boolean recognised(String type) {
        return PATTERNS.containsKey(type);
    }

    /** Every match of {@code type} in {@code text}, in order; none for types the emulator cannot detect. */
    static List<Match> find(String type, String text) {
        Pattern pattern = PATTERNS.get(type);
        List<Match> matches = new ArrayList<>();
        if (pattern == null) {
            return matches;
        }
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            String found = matcher.group();
            if (type.equals("CREDIT_DEBIT_CARD_NUMBER") && !luhn(found.replaceAll("[ -]", ""))) {
                continue;
            }
            matches.add(new Match(type, found, matcher.start(), matcher.end()));
        }
        return matches;
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
