package dev.parley.keys;

import dev.parley.bedrock.ModelCatalog;
import dev.parley.modelcall.ModelSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The models a key's model list (and an admin's caps) may name: the allow-list of the Converse
 * catalog, by alias or model id, and the models other features call without Converse (embedding
 * models), which those features offer through {@link OtherModels} so keys never depend on them.
 */
@ApplicationScoped
public class KeyModels {
    /** Model aliases a feature calls outside the Converse catalog (embeddings). */
    public interface OtherModels {
        List<String> aliases();
    }

    private final ModelCatalog catalog;
    private final Instance<OtherModels> others;

    KeyModels(ModelCatalog catalog, Instance<OtherModels> others) {
        this.catalog = catalog;
        this.others = others;
    }

    /** The alias {@code requested} (an alias or a model id) names, if a key may name it. */
    Optional<String> alias(String requested) {
        Optional<String> converse =
                catalog.all().stream()
                        .filter(
                                spec ->
                                        spec.alias().equals(requested)
                                                || spec.modelId().equals(requested))
                        .map(ModelSpec::alias)
                        .findFirst();
        return converse.or(
                () ->
                        others.stream()
                                .flatMap(other -> other.aliases().stream())
                                .filter(requested::equals)
                                .findFirst());
    }

    /** Every alias a key may name, for a refusal's message. */
    List<String> aliases() {
        List<String> all = new ArrayList<>(catalog.all().stream().map(ModelSpec::alias).toList());
        others.forEach(other -> all.addAll(other.aliases()));
        return all;
    }
}
