package dev.parley.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The docs check: every relative link in {@code README.md} and {@code docs/*.md} points at a file
 * that exists and, with a {@code #fragment}, at a heading that page has (GitHub's anchor rules),
 * and the README stays a front door of at most {@value #MAX_README_LINES} lines.
 */
final class DocsLinks {
    static final int MAX_README_LINES = 300;

    /** A docs page over this is two pages. */
    static final int MAX_PAGE_LINES = 600;

    private static final Pattern INLINE_LINK =
            Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern REFERENCE_LINK =
            Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*(\\S+)");
    private static final Pattern CODE_SPAN = Pattern.compile("`+[^`]*`+");
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    private final Path root;
    private final Map<Path, Set<String>> anchorsByFile = new HashMap<>();

    private DocsLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Every problem found under {@code root} (a repository checkout), as readable lines; empty when all is well. */
    static List<String> check(Path root) {
        return new DocsLinks(root).run();
    }

    private List<String> run() {
        List<String> problems = new ArrayList<>();
        Path readme = root.resolve("README.md");
        List<Path> pages = new ArrayList<>();
        pages.add(readme);
        Path docs = root.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> files = Files.list(docs)) {
                files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        int readmeLines = lines(readme).size();
        if (readmeLines > MAX_README_LINES) {
            problems.add(
                    "README.md has "
                            + readmeLines
                            + " lines, more than "
                            + MAX_README_LINES
                            + ": move the detail to a page in docs/");
        }
        for (Path page : pages) {
            List<String> lines = lines(page);
            if (!page.equals(readme)) {
                String shape = pageShapeProblem(lines);
                if (shape != null) {
                    problems.add(root.relativize(page) + ": " + shape);
                }
            }
            boolean fenced = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.trim().startsWith("```") || line.trim().startsWith("~~~")) {
                    fenced = !fenced;
                    continue;
                }
                if (fenced) {
                    continue;
                }
                String text = CODE_SPAN.matcher(line).replaceAll("``");
                List<String> targets = new ArrayList<>();
                Matcher inline = INLINE_LINK.matcher(text);
                while (inline.find()) {
                    targets.add(inline.group(1));
                }
                Matcher reference = REFERENCE_LINK.matcher(text);
                if (reference.find()) {
                    targets.add(reference.group(1));
                }
                for (String target : targets) {
                    String problem = problem(page, target);
                    if (problem != null) {
                        problems.add(
                                root.relativize(page)
                                        + ":"
                                        + (i + 1)
                                        + ": "
                                        + target
                                        + ": "
                                        + problem);
                    }
                }
            }
        }
        return problems;
    }

    /** A docs page opens with its title and a summary of one or two lines, and stays readable in length. */
    private static String pageShapeProblem(List<String> lines) {
        if (lines.size() > MAX_PAGE_LINES) {
            return lines.size() + " lines, more than " + MAX_PAGE_LINES + ": split the page";
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
            return "does not start with a '# Title' line";
        }
        int summary = 0;
        for (int i = 2; i < lines.size() && !lines.get(i).isBlank(); i++) {
            summary++;
        }
        boolean prose =
                summary > 0
                        && !lines.get(2).startsWith("#")
                        && !lines.get(2).startsWith("|")
                        && !lines.get(2).startsWith("```");
        if (lines.size() < 3 || !lines.get(1).isBlank() || !prose || summary > 2) {
            return "the title must be followed by a blank line and a summary of one or two lines";
        }
        return null;
    }

    /** What is wrong with one link target, or null. */
    private String problem(Path page, String target) {
        if (SCHEME.matcher(target).find() || target.startsWith("//")) {
            return null; // absolute URLs are not checked here
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path file = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
        if (!file.startsWith(root)) {
            return "points outside the repository";
        }
        if (!Files.exists(file)) {
            return "no such file";
        }
        if (anchor == null || anchor.isEmpty()) {
            return null;
        }
        if (!file.toString().endsWith(".md")) {
            return null; // line anchors into source files are GitHub's own
        }
        return anchors(file).contains(anchor)
                ? null
                : "no heading with the anchor #" + anchor + " in " + file.getFileName();
    }

    private Set<String> anchors(Path file) {
        return anchorsByFile.computeIfAbsent(file, f -> anchorsOf(lines(f)));
    }

    /** The anchors GitHub gives a page's headings (duplicates get -1, -2, ...), and explicit HTML anchors. */
    static Set<String> anchorsOf(List<String> lines) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : lines) {
            if (line.trim().startsWith("```") || line.trim().startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher html = HTML_ANCHOR.matcher(line);
            while (html.find()) {
                anchors.add(html.group(1));
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(2));
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
        }
        return anchors;
    }

    /**
     * GitHub's heading anchor: the heading's text in lower case, every character that is not a
     * letter, digit, space, hyphen or underscore removed, and spaces turned into hyphens.
     */
    static String slug(String heading) {
        String text =
                heading.replaceAll(
                        "!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1"); // a link's text, not its target
        StringBuilder slug = new StringBuilder();
        text.toLowerCase(Locale.ROOT)
                .codePoints()
                .forEach(
                        c -> {
                            if (c == ' ') {
                                slug.append('-');
                            } else if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                                slug.appendCodePoint(c);
                            }
                        });
        return slug.toString();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
