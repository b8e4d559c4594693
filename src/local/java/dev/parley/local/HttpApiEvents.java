package dev.parley.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the HTTP API (payload 2.0) event API Gateway would send for a request. Local only: the
 * header {@code X-Local-User} becomes the JWT {@code sub} claim, so ownership can be tried
 * without Cognito, and is not passed on as a header.
 */
final class HttpApiEvents {
    static final String LOCAL_USER_HEADER = "x-local-user";
    static final DateTimeFormatter API_GATEWAY_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
                    .withZone(ZoneOffset.UTC);

    /**
     * A request as it arrived.
     *
     * @param rawQuery the query string as sent, or null when the URI has none
     * @param headers every header line, in order, names as sent
     */
    record Incoming(
            String method,
            String rawPath,
            String rawQuery,
            List<Map.Entry<String, String>> headers,
            String protocol,
            String sourceIp,
            byte[] body) {}

    private final ObjectMapper mapper;

    HttpApiEvents(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode toEvent(Incoming request) {
        Instant now = Instant.now();
        ObjectNode event = mapper.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());
        ObjectNode headers = event.putObject("headers");
        String localUser = null;
        String userAgent = null;
        for (Map.Entry<String, List<String>> header :
                byLowerCaseName(request.headers()).entrySet()) {
            String name = header.getKey();
            if (name.equals(LOCAL_USER_HEADER)) {
                localUser = header.getValue().get(0);
            } else {
                headers.put(name, String.join(",", header.getValue()));
            }
            if (name.equals("user-agent")) {
                userAgent = header.getValue().get(0);
            }
        }
        if (request.rawQuery() != null) {
            ObjectNode query = event.putObject("queryStringParameters");
            for (String pair : request.rawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                // HTTP API joins repeated parameters with commas.
                query.put(key, query.has(key) ? query.get(key).asText() + "," + value : value);
            }
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "123456789012");
        context.put("apiId", "local");
        context.put("domainName", "127.0.0.1");
        context.put("domainPrefix", "local");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("time", API_GATEWAY_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        ObjectNode http = context.putObject("http");
        http.put("method", request.method().toUpperCase(Locale.ROOT));
        http.put("path", request.rawPath());
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", userAgent);
        if (localUser != null && !localUser.isBlank()) {
            context.putObject("authorizer")
                    .putObject("jwt")
                    .putObject("claims")
                    .put("sub", localUser);
        }
        byte[] body = request.body();
        if (body.length > 0) {
            // Like API Gateway, pass text as is and anything else base64-encoded.
            String text = new String(body, StandardCharsets.UTF_8);
            boolean isText = Arrays.equals(text.getBytes(StandardCharsets.UTF_8), body);
            event.put("body", isText ? text : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !isText);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** Header lines grouped by lower-case name, first appearance first (HTTP names are case-insensitive). */
    static Map<String, List<String>> byLowerCaseName(List<Map.Entry<String, String>> lines) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (Map.Entry<String, String> line : lines) {
            grouped.computeIfAbsent(
                            line.getKey().toLowerCase(Locale.ROOT),
                            name -> new java.util.ArrayList<>())
                    .add(line.getValue());
        }
        return grouped;
    }

    /**
     * A query parameter's name or value, percent-decoded. A malformed escape ({@code %%%}) is passed
     * on as sent, never thrown: the function sees it in {@code rawQueryString} and answers 400.
     */
    static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
