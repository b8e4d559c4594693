package dev.parley.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One command of the README's tour: a {@code curl} in a {@code bash} block, and the output block
 * right after it. Only what the tour uses is understood: {@code -X}, {@code -H 'name: value'},
 * {@code -d '...'} or {@code -d "..."} (with {@code \"} escapes), and the URL.
 */
record TourStep(
        String method, String path, Map<String, String> headers, String body, String output) {
    static final String SECTION = "## A five-minute tour";
    private static final Pattern BLOCK = Pattern.compile("```(\\w*)\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern URL = Pattern.compile("https?://[^/\\s'\"]+(/[^\\s'\"]*)");
    private static final Pattern METHOD = Pattern.compile("-X\\s+([A-Z]+)");
    private static final Pattern HEADER = Pattern.compile("-H\\s+'([^:']+):\\s*([^']*)'");
    private static final Pattern SINGLE_QUOTED_BODY =
            Pattern.compile("-d\\s+'([^']*)'", Pattern.DOTALL);
    private static final Pattern DOUBLE_QUOTED_BODY =
            Pattern.compile("-d\\s+\"((?:[^\"\\\\]|\\\\.)*)\"", Pattern.DOTALL);
    private static final Pattern SSE_EVENT = Pattern.compile("event: (\\w+)\\ndata: (.*)");

    /** The tour's steps, in order: every bash block with a curl in the tour section, with the block after it. */
    static List<TourStep> parse(String readme) {
        int start = readme.indexOf(SECTION);
        if (start < 0) {
            throw new IllegalStateException("README.md has no '" + SECTION + "' section");
        }
        int end = readme.indexOf("\n## ", start + SECTION.length());
        String tour = readme.substring(start, end < 0 ? readme.length() : end);
        List<String[]> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(tour);
        while (block.find()) {
            blocks.add(new String[] {block.group(1), block.group(2)});
        }
        List<TourStep> steps = new ArrayList<>();
        for (int i = 0; i + 1 < blocks.size(); i++) {
            if (blocks.get(i)[0].equals("bash")
                    && blocks.get(i)[1].contains("curl ")
                    && !blocks.get(i + 1)[0].equals("bash")) {
                steps.add(of(blocks.get(i)[1], blocks.get(i + 1)[1].strip()));
            }
        }
        return steps;
    }

    private static TourStep of(String command, String output) {
        String curl = command.substring(command.indexOf("curl ")).replace("\\\n", " ");
        Matcher url = URL.matcher(curl);
        if (!url.find()) {
            throw new IllegalStateException("no URL in " + curl);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Matcher header = HEADER.matcher(curl);
        while (header.find()) {
            headers.put(header.group(1).toLowerCase(Locale.ROOT), header.group(2));
        }
        String body = null;
        Matcher single = SINGLE_QUOTED_BODY.matcher(curl);
        Matcher doubled = DOUBLE_QUOTED_BODY.matcher(curl);
        if (single.find()) {
            body = single.group(1);
        } else if (doubled.find()) {
            body = doubled.group(1).replace("\\\"", "\"");
        }
        Matcher method = METHOD.matcher(curl);
        String verb = method.find() ? method.group(1) : body == null ? "GET" : "POST";
        return new TourStep(verb, url.group(1), headers, body, output);
    }

    /** Server-sent events as [name, data] pairs. */
    static List<String[]> events(String stream) {
        List<String[]> events = new ArrayList<>();
        Matcher event = SSE_EVENT.matcher(stream.replace("\r\n", "\n"));
        while (event.find()) {
            events.add(new String[] {event.group(1), event.group(2)});
        }
        return events;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
