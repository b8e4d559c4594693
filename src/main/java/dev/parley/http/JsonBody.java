package dev.parley.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.error.ParleyException;
import jakarta.enterprise.context.ApplicationScoped;

/** Parses request bodies: anything that is not a JSON object is a {@code bad_request}. */
@ApplicationScoped
public class JsonBody {
    /** One JSON value and nothing after it: text after the object is a mistake, not ignored. Built once. */
    private final ObjectReader reader;

    JsonBody(ObjectMapper mapper) {
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public JsonFields fields(HttpRequest request) {
        return fields(request.body());
    }

    public JsonFields fields(String body) {
        return new JsonFields(object(body), "");
    }

    public ObjectNode object(HttpRequest request) {
        return object(request.body());
    }

    /** The body as a JSON object; anything else is a {@code bad_request} saying what is wrong. */
    public ObjectNode object(String body) {
        if (body.isBlank()) {
            throw ParleyException.badRequest("request body is empty; send a JSON object");
        }
        JsonNode node;
        try {
            node = reader.readTree(body);
        } catch (MismatchedInputException e) {
            throw ParleyException.badRequest(
                    "request body has more after its JSON object (line "
                            + e.getLocation().getLineNr()
                            + ", column "
                            + e.getLocation().getColumnNr()
                            + "); send exactly one JSON object");
        } catch (JsonProcessingException e) {
            throw ParleyException.badRequest(
                    "request body is not valid JSON (line "
                            + e.getLocation().getLineNr()
                            + ", column "
                            + e.getLocation().getColumnNr()
                            + ")");
        }
        if (node == null || !node.isObject()) {
            throw ParleyException.badRequest(
                    "request body must be a JSON object, not "
                            + (node == null ? "nothing" : JsonFields.typeName(node)));
        }
        return (ObjectNode) node;
    }
}
