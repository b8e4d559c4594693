package dev.parley.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.tools.Tool;
import dev.parley.tools.ToolContext;
import dev.parley.tools.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

@ApplicationScoped
public class CurrentTimeTool implements Tool {
    private static final JsonNode SCHEMA =
            Schemas.parse(
                    """
            {"type": "object",
             "properties": {"timezone": {"type": "string", "minLength": 1, "maxLength": 64,
               "description": "IANA time zone, e.g. Europe/Vienna or America/New_York"}},
             "required": ["timezone"], "additionalProperties": false}""");

    private final ObjectMapper mapper;
    private final Clock clock = Clock.systemUTC();

    CurrentTimeTool(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return "current_time";
    }

    @Override
    public String description() {
        return "Tells the current date and time in an IANA time zone.";
    }

    @Override
    public JsonNode inputSchema() {
        return SCHEMA;
    }

    @Override
    public JsonNode execute(JsonNode input, ToolContext context) {
        String zoneName = input.path("timezone").asText();
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            throw new ToolException(
                    "'" + zoneName + "' is not an IANA time zone (e.g. Europe/Vienna)");
        }
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        return mapper.createObjectNode()
                .put("timezone", zone.getId())
                .put("dateTime", now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .put("dayOfWeek", now.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH))
                .put("utcOffset", now.getOffset().getId());
    }
}
