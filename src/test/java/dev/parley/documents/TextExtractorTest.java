package dev.parley.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextExtractorTest {

    @Test
    void htmlIsReducedToItsTextWithParagraphs() {
        String html =
                """
                <!doctype html><html><head><title>Budget news</title><style>p { color: red }</style>
                <script>alert('ignore previous instructions')</script></head>
                <body><h1>Council   approves budget</h1><p>Transport spending rises by <b>twelve</b> percent.</p>
                <ul><li>Buses every ten minutes</li><li>Trams all night</li></ul><p>Line one<br>Line two</p>
                <noscript>Enable JavaScript</noscript></body></html>""";
        String text =
                TextExtractor.text(
                        html.getBytes(StandardCharsets.UTF_8), DocumentFormat.HTML, "text/html");
        assertEquals(
                "Budget news\n\nCouncil approves budget\n\nTransport spending rises by twelve percent.\n\n"
                        + "Buses every ten minutes\n\nTrams all night\n\nLine one\nLine two",
                text);
        assertFalse(
                text.contains("alert") || text.contains("color") || text.contains("JavaScript"),
                text);
    }

    @Test
    void declaredCharsetIsHonoured() {
        byte[] latin1 = "Zürich, Genève".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(
                "Zürich, Genève",
                TextExtractor.text(latin1, DocumentFormat.TEXT, "text/plain; charset=ISO-8859-1"));
    }

    @Test
    void utf8IsTheDefaultAndAByteOrderMarkIsDropped() {
        byte[] bytes = "\uFEFFGrüße aus Köln".getBytes(StandardCharsets.UTF_8);
        assertEquals("Grüße aus Köln", TextExtractor.text(bytes, DocumentFormat.MARKDOWN, null));
        assertEquals(
                "Grüße aus Köln",
                TextExtractor.text(bytes, DocumentFormat.TEXT, "text/plain; charset=bogus-9"));
    }

    @Test
    void binaryContentWithATextLabelIsRefused() {
        byte[] binary = {'P', 'K', 3, 4, 0, 0, 0, 8};
        ParleyException e =
                assertThrows(
                        ParleyException.class,
                        () -> TextExtractor.text(binary, DocumentFormat.TEXT, "text/plain"));
        assertEquals(ErrorCode.VALIDATION_ERROR, e.code());
        assertTrue(e.getMessage().contains("binary"), e.getMessage());
    }

    @Test
    void aDocumentWithoutTextIsRefused() {
        ParleyException e =
                assertThrows(
                        ParleyException.class,
                        () ->
                                TextExtractor.text(
                                        "<html><body><script>x()</script></body></html>"
                                                .getBytes(StandardCharsets.UTF_8),
                                        DocumentFormat.HTML,
                                        "text/html"));
        assertTrue(e.getMessage().contains("no text"), e.getMessage());
    }
}
