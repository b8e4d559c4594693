package dev.parley.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Recognises which kind of event the function was invoked with, by the fields only that kind has. */
@ApplicationScoped
public class EventDecoder {
    private final HttpEventDecoder http;

    EventDecoder(HttpEventDecoder http) {
        this.http = http;
    }

    public LambdaEvent decode(JsonNode event, Invocation invocation) {
        if (event == null || !event.isObject()) {
            return new LambdaEvent.Unrecognized("the event is not a JSON object");
        }
        JsonNode context = event.path("requestContext");
        if (context.path("http").has("method")) {
            // HTTP API 2.0 and Function URLs share this payload format.
            return http.fromV2(event, invocation);
        }
        if (event.has("httpMethod") && context.isObject()) {
            return http.fromV1(event, invocation);
        }
        return new LambdaEvent.Unrecognized("expected an API Gateway HTTP API (payload 2.0), REST API (payload 1.0)"
                + " or Lambda Function URL event; got an object with fields " + fieldNames(event));
    }

    private static List<String> fieldNames(JsonNode event) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = event.fieldNames();
        while (it.hasNext() && names.size() < 10) {
            names.add(it.next());
        }
        return names;
    }
}
