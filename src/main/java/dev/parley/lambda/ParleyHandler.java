package dev.parley.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;

public class ParleyHandler implements RequestHandler<JsonNode, Object> {
    @Override
    public Object handleRequest(JsonNode event, Context context) {
        return event;
    }
}
