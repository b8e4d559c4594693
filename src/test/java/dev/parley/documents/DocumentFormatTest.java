package dev.parley.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DocumentFormatTest {

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(
            nullValues = "null",
            value = {
                "text/plain, notes.txt, TEXT",
                "'text/plain; charset=ISO-8859-1', notes, TEXT",
                // text/plain is what many tools put on every text file: a known text extension says
                // more.
                "text/plain, README.md, MARKDOWN",
                "text/plain, page.html, HTML",
                "text/markdown, notes, MARKDOWN",
                "'Text/HTML; charset=UTF-8', index, HTML",
                "application/json, data.bin, JSON",
                "text/csv, table, CSV",
                "application/pdf, report.txt, PDF",
                // Generic labels defer to the extension, whatever its case.
                "binary/octet-stream, uploads/alice/Report.PDF, PDF",
                "application/octet-stream, sheet.xlsx, XLSX",
                "null, letter.docx, DOCX",
                "'', old.doc, DOC",
                "null, legacy.xls, XLS",
                "null, page.htm, HTML",
                "null, data.json, JSON"
            })
    void detectsFromTypeOrExtension(String contentType, String key, DocumentFormat expected) {
        assertEquals(Optional.of(expected), DocumentFormat.detect(contentType, key));
    }

    @ParameterizedTest(name = "{0} + {1} is unsupported")
    @CsvSource(
            nullValues = "null",
            value = {
                "image/jpeg, photo.jpg",
                "null, archive.zip",
                "application/octet-stream, no-extension",
                "null, .hidden",
                "null, folder.d/file",
                // A specific type the object claims wins over a misleading extension.
                "image/png, picture.txt"
            })
    void refusesOtherFormats(String contentType, String key) {
        assertEquals(Optional.empty(), DocumentFormat.detect(contentType, key));
    }

    @ParameterizedTest
    @CsvSource({
        "TEXT, true",
        "MARKDOWN, true",
        "CSV, true",
        "JSON, true",
        "HTML, true",
        "PDF, false",
        "DOCX, false",
        "XLSX, false",
        "DOC, false",
        "XLS, false"
    })
    void binaryFormatsGoToBedrockAsDocuments(DocumentFormat format, boolean text) {
        assertEquals(text, format.readAsText());
        if (!text) {
            assertEquals(format.name().toLowerCase(), format.bedrockFormat());
        }
    }

    @org.junit.jupiter.api.Test
    void unsupportedMessageNamesWhatWasSeenAndWhatWouldWork() {
        String message = DocumentFormat.unsupported("image/jpeg", "uploads/alice/photo.JPG");
        assertTrue(message.contains("'image/jpeg'"), message);
        assertTrue(message.contains(".jpg"), message);
        assertTrue(
                message.contains(".pdf") && message.contains(".md") && message.contains(".html"),
                message);
    }
}
