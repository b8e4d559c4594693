package dev.parley.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.tools.Tool;
import dev.parley.tools.ToolContext;
import dev.parley.tools.ToolException;
import dev.parley.tools.ToolSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Current weather from Open-Meteo (no API key): geocode the place, then read the forecast's
 * current conditions. Only the two configured URLs are ever called; the model's input becomes a
 * query parameter, never a host or a path.
 */
@ApplicationScoped
public class WeatherTool implements Tool {
    private static final JsonNode SCHEMA =
            Schemas.parse(
                    """
            {"type": "object",
             "properties": {"location": {"type": "string", "minLength": 1, "maxLength": 100,
               "description": "City or place name, e.g. Vienna or San Francisco"}},
             "required": ["location"], "additionalProperties": false}""");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private final ToolSettings.Weather settings;
    private final ObjectMapper mapper;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .connectTimeout(REQUEST_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();

    WeatherTool(ToolSettings settings, ObjectMapper mapper) {
        this.settings = settings.weather();
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return "get_weather";
    }

    @Override
    public String description() {
        return "Gets the current weather (temperature, wind, humidity, conditions) for a city or place.";
    }

    @Override
    public JsonNode inputSchema() {
        return SCHEMA;
    }

    @Override
    public JsonNode execute(JsonNode input, ToolContext context) {
        String location = input.path("location").asText().strip();
        JsonNode place =
                get(
                                settings.geocodingUrl(),
                                "name=" + encode(location) + "&count=1&language=en&format=json",
                                context)
                        .path("results")
                        .path(0);
        if (place.isMissingNode()) {
            throw new ToolException("no place called '" + location + "' was found");
        }
        JsonNode forecast =
                get(
                        settings.forecastUrl(),
                        "latitude="
                                + place.path("latitude").asDouble()
                                + "&longitude="
                                + place.path("longitude").asDouble()
                                + "&current=temperature_2m,relative_humidity_2m,wind_speed_10m,weather_code&timezone=auto",
                        context);
        JsonNode current = forecast.path("current");
        if (!current.has("temperature_2m")) {
            throw new ToolException(
                    "the weather service returned no current conditions for " + location);
        }
        ObjectNode result = mapper.createObjectNode();
        result.put("location", place.path("name").asText(location));
        result.put("country", place.path("country").asText(""));
        result.put("time", current.path("time").asText(""));
        result.put("temperatureC", current.path("temperature_2m").asDouble());
        result.put("windSpeedKmh", current.path("wind_speed_10m").asDouble());
        result.put("relativeHumidityPercent", current.path("relative_humidity_2m").asInt());
        result.put("conditions", WeatherCodes.describe(current.path("weather_code").asInt(-1)));
        return result;
    }

    private JsonNode get(URI base, String query, ToolContext context) {
        Duration left = Duration.between(Instant.now(), context.deadline());
        Duration timeout = left.compareTo(REQUEST_TIMEOUT) < 0 ? left : REQUEST_TIMEOUT;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ToolException("no time left to ask the weather service");
        }
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(base + "?" + query))
                        .timeout(timeout)
                        .header("Accept", "application/json")
                        .GET()
                        .build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new ToolException(
                        "the weather service answered HTTP " + response.statusCode());
            }
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new ToolException(
                    "the weather service could not be reached ("
                            + e.getClass().getSimpleName()
                            + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("the weather request was interrupted");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
