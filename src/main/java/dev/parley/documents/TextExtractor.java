package dev.parley.documents;

import dev.parley.error.ParleyException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** The text of a text-format object: decoded with its declared charset (UTF-8 otherwise); HTML reduced to its text. */
final class TextExtractor {
    private static final Pattern CHARSET =
            Pattern.compile("charset\\s*=\\s*\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);

    private TextExtractor() {}

    static String text(byte[] bytes, DocumentFormat format, String contentType) {
        String text = decode(bytes, charset(contentType));
        // A NUL character does not occur in text: this is a binary file with a text label or
        // extension.
        if (text.indexOf('\u0000') >= 0) {
            throw ParleyException.validation(
                    "the object is labelled "
                            + format.name().toLowerCase(Locale.ROOT)
                            + " but its content is binary, not text");
        }
        if (format == DocumentFormat.HTML) {
            text = htmlToText(text);
        }
        if (text.isBlank()) {
            throw ParleyException.validation("the document contains no text to summarize");
        }
        return text.strip();
    }

    /**
     * HTML without markup, scripts and styles; block elements (paragraphs, headings, list items,
     * table rows) become paragraphs, so chunking can still cut between them.
     */
    static String htmlToText(String html) {
        Document document = Jsoup.parse(html);
        StringBuilder out = new StringBuilder();
        String title = document.title();
        if (!title.isBlank()) {
            out.append(title.strip()).append("\n\n");
        }
        document.select("script, style, noscript, template, svg").remove();
        NodeTraversor.traverse(
                new NodeVisitor() {
                    @Override
                    public void head(Node node, int depth) {
                        if (node instanceof TextNode text) {
                            out.append(text.text());
                        } else if (node instanceof Element element && element.nameIs("br")) {
                            out.append('\n');
                        } else if (node instanceof Element element && element.isBlock()) {
                            out.append("\n\n");
                        }
                    }

                    @Override
                    public void tail(Node node, int depth) {
                        if (node instanceof Element element && element.isBlock()) {
                            out.append("\n\n");
                        }
                    }
                },
                document.body());
        return out.toString()
                .replaceAll("[ \\t\\x0B\\f\\r\\u00A0]+", " ")
                .replaceAll(" ?\\n ?", "\n")
                .replaceAll("\\n{3,}", "\n\n")
                .strip();
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            Matcher matcher = CHARSET.matcher(contentType);
            if (matcher.find()) {
                try {
                    return Charset.forName(matcher.group(1));
                } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
                    // An unknown label is no reason to give up: fall back to UTF-8 like browsers
                    // do.
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String decode(byte[] bytes, Charset charset) {
        try {
            String text =
                    charset.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPLACE)
                            .onUnmappableCharacter(CodingErrorAction.REPLACE)
                            .decode(ByteBuffer.wrap(bytes))
                            .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            // Not reachable with REPLACE; kept so the compiler is satisfied without a silent
            // catch-all.
            throw ParleyException.validation(
                    "the document is not valid " + charset.name() + " text");
        }
    }
}
