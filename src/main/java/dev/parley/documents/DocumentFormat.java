package dev.parley.documents;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The formats Parley summarizes. Text formats are read as text (HTML reduced to its text first);
 * the others are sent to the model as a Converse {@code document} block, in the formats Bedrock's
 * DocumentBlock accepts ({@code bedrockFormat}).
 */
enum DocumentFormat {
    TEXT(null, Set.of("text/plain"), List.of("txt", "text", "log")),
    MARKDOWN(null, Set.of("text/markdown", "text/x-markdown"), List.of("md", "markdown")),
    CSV(null, Set.of("text/csv", "application/csv"), List.of("csv")),
    JSON(null, Set.of("application/json", "text/json"), List.of("json")),
    HTML(null, Set.of("text/html", "application/xhtml+xml"), List.of("html", "htm", "xhtml")),
    PDF("pdf", Set.of("application/pdf"), List.of("pdf")),
    DOC("doc", Set.of("application/msword"), List.of("doc")),
    DOCX(
            "docx",
            Set.of("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            List.of("docx")),
    XLS("xls", Set.of("application/vnd.ms-excel"), List.of("xls")),
    XLSX(
            "xlsx",
            Set.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            List.of("xlsx"));

    /** Labels that say nothing about the content (S3's default for uploads without a type, among others). */
    private static final Set<String> GENERIC =
            Set.of(
                    "",
                    "application/octet-stream",
                    "binary/octet-stream",
                    "application/unknown",
                    "application/x-www-form-urlencoded");

    private final String bedrockFormat;
    private final Set<String> mediaTypes;

    /** The first is the one named in messages. */
    private final List<String> extensions;

    DocumentFormat(String bedrockFormat, Set<String> mediaTypes, List<String> extensions) {
        this.bedrockFormat = bedrockFormat;
        this.mediaTypes = mediaTypes;
        this.extensions = extensions;
    }

    boolean readAsText() {
        return bedrockFormat == null;
    }

    /** Bedrock's DocumentFormat value; only for formats that are not read as text. */
    String bedrockFormat() {
        return bedrockFormat;
    }

    /**
     * The format of an object from its Content-Type metadata, else its key's extension. A specific
     * type wins, except {@code text/plain}: many tools label every text file so, and a known text
     * extension (.md, .csv, .json, .html) says more.
     */
    static Optional<DocumentFormat> detect(String contentType, String key) {
        String mediaType = mediaType(contentType);
        Optional<DocumentFormat> byExtension = fromExtension(key);
        if (GENERIC.contains(mediaType)) {
            return byExtension;
        }
        Optional<DocumentFormat> byType =
                Arrays.stream(values()).filter(f -> f.mediaTypes.contains(mediaType)).findFirst();
        if (byType.equals(Optional.of(TEXT))
                && byExtension.filter(DocumentFormat::readAsText).isPresent()) {
            return byExtension;
        }
        return byType;
    }

    /** Why an object is not supported, naming what was looked at and what would be. */
    static String unsupported(String contentType, String key) {
        String extension = extension(key).map(e -> "." + e).orElse("none");
        return "unsupported document: content type '"
                + (contentType == null ? "" : contentType)
                + "', extension "
                + extension
                + "; supported: "
                + Arrays.stream(values())
                        .map(f -> f.extensions.get(0))
                        .map(e -> "." + e)
                        .collect(Collectors.joining(", "));
    }

    /** The media type without parameters, lower-case: "Text/HTML; charset=UTF-8" is "text/html". */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
    }

    private static Optional<DocumentFormat> fromExtension(String key) {
        return extension(key)
                .flatMap(
                        ext ->
                                Arrays.stream(values())
                                        .filter(f -> f.extensions.contains(ext))
                                        .findFirst());
    }

    private static Optional<String> extension(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot <= 0 || dot == name.length() - 1
                ? Optional.empty()
                : Optional.of(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
