package dev.parley.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for Open-Meteo's geocoding and forecast endpoints (same paths, parameters and JSON
 * shapes), deterministic and offline, so get_weather works in tests and in the local run. Places
 * named "Atlantis" or "Nowhere" do not exist.
 */
public final class LocalWeatherService implements AutoCloseable {
    private static final List<String> UNKNOWN = List.of("atlantis", "nowhere");

    private final HttpServer server;
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private LocalWeatherService(HttpServer server) {
        this.server = server;
    }

    public static LocalWeatherService start(String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        LocalWeatherService service = new LocalWeatherService(server);
        server.createContext(
                "/v1/search",
                exchange -> service.answer(exchange, service.geocode(query(exchange))));
        server.createContext(
                "/v1/forecast",
                exchange -> service.answer(exchange, service.forecast(query(exchange))));
        server.start();
        return service;
    }

    public URI geocodingUrl() {
        return URI.create("http://" + host() + ":" + server.getAddress().getPort() + "/v1/search");
    }

    public URI forecastUrl() {
        return URI.create(
                "http://" + host() + ":" + server.getAddress().getPort() + "/v1/forecast");
    }

    /** Every request received, as {@code path?query}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private ObjectNode geocode(Map<String, String> query) {
        String name = query.getOrDefault("name", "").strip();
        ObjectNode body = mapper.createObjectNode();
        if (name.isEmpty() || UNKNOWN.contains(name.toLowerCase())) {
            return body;
        }
        int hash = Math.abs(name.toLowerCase().hashCode());
        body.putArray("results")
                .addObject()
                .put("name", name)
                .put("latitude", (hash % 18000) / 100.0 - 90)
                .put("longitude", (hash / 7 % 36000) / 100.0 - 180)
                .put("country", "Localland")
                .put("timezone", "UTC");
        return body;
    }

    private ObjectNode forecast(Map<String, String> query) {
        double latitude = Double.parseDouble(query.getOrDefault("latitude", "0"));
        double longitude = Double.parseDouble(query.getOrDefault("longitude", "0"));
        int seed = (int) Math.abs(latitude * 100 + longitude * 10);
        ObjectNode body =
                mapper.createObjectNode().put("latitude", latitude).put("longitude", longitude);
        body.putObject("current_units").put("temperature_2m", "°C").put("wind_speed_10m", "km/h");
        body.putObject("current")
                .put("time", "2026-11-22T12:00")
                .put("temperature_2m", Math.round((seed % 350) / 10.0 - 5) * 1.0)
                .put("relative_humidity_2m", 40 + seed % 50)
                .put("wind_speed_10m", (seed % 400) / 10.0)
                .put("weather_code", List.of(0, 1, 2, 3, 61, 71).get(seed % 6));
        return body;
    }

    private void answer(HttpExchange exchange, ObjectNode body) throws IOException {
        requests.add(exchange.getRequestURI().toString());
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> values = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(
                            pair.substring(0, eq),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private String host() {
        return server.getAddress().getAddress().getHostAddress();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
