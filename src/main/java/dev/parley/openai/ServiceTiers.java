package dev.parley.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.modelcall.ServiceTier;
import java.util.Optional;

/**
 * OpenAI's {@code service_tier} on Chat Completions and Responses: Bedrock's tiers by the names
 * they share ({@code default}, {@code flex}, {@code priority}); {@code auto} leaves the choice to
 * the key's or the deployment's default. Answers echo the tier Bedrock served the call on.
 */
public final class ServiceTiers {

    private ServiceTiers() {}

    public static Optional<ServiceTier> read(JsonNode body) {
        return Params.string(body, "service_tier", "service_tier")
                .filter(name -> !name.equals("auto"))
                .map(
                        name ->
                                ServiceTier.parse(name)
                                        .orElseThrow(
                                                () ->
                                                        OpenAiException.invalid(
                                                                "service_tier",
                                                                "Invalid value: '"
                                                                        + name
                                                                        + "'. Supported values are: 'auto', 'default', 'flex' and"
                                                                        + " 'priority'.")));
    }
}
