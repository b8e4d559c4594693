package dev.parley.openai;

import dev.parley.http.Dialect;
import jakarta.enterprise.context.ApplicationScoped;

/** The OpenAI-compatible API under {@code /openai/}: its model entries are under {@code /openai/v1/models/}. */
@ApplicationScoped
public class OpenAiDialect implements Dialect {

    @Override
    public String pathPrefix() {
        return OpenAiErrors.PREFIX;
    }

    @Override
    public String modelsPath() {
        return "/openai/v1/models/";
    }
}
