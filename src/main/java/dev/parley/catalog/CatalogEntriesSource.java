package dev.parley.catalog;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Catalog entries carried by one setting, {@value #PROPERTY} (template.yaml's {@code CatalogEntries}
 * parameter, {@code PARLEY_CATALOG_ENTRIES} in the function's environment): the same properties an
 * operator would write in application.properties, separated by {@code ;} or line breaks, e.g.
 * {@code parley.models.catalog.team-sonnet.id=arn:...;parley.models.catalog.team-sonnet.like=claude-sonnet-4-6}.
 *
 * <p>One parameter rather than one environment variable per property: a stack parameter is how an
 * operator configures a deployed Parley, and a new alias cannot have a parameter of its own. Only
 * catalog entries and their prices may be set this way ({@link #PREFIXES}), so the parameter cannot
 * quietly change anything else; anything else stops the start-up naming the item. The entries sit
 * above application.properties and below single environment variables.
 */
public final class CatalogEntriesSource implements ConfigSourceFactory {
    public static final String PROPERTY = "parley.catalog.entries";
    static final List<String> PREFIXES = List.of("parley.models.catalog.", "parley.usage.prices.");

    /** application.properties is 250, environment variables 300. */
    static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue value = context.getValue(PROPERTY);
        if (value == null || value.getValue() == null || value.getValue().isBlank()) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(parse(value.getValue()), PROPERTY, ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /** The entries' properties, in order; a malformed item or a key outside {@link #PREFIXES} is refused. */
    public static Map<String, String> parse(String entries) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String item : entries.split("[;\\r\\n]+")) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            String key = equals < 0 ? "" : trimmed.substring(0, equals).trim();
            String entry = equals < 0 ? "" : trimmed.substring(equals + 1).trim();
            if (key.isEmpty() || entry.isEmpty()) {
                throw new IllegalArgumentException(
                        PROPERTY + ": '" + trimmed + "' is not a property=value item");
            }
            if (PREFIXES.stream().noneMatch(p -> key.startsWith(p) && key.length() > p.length())) {
                throw new IllegalArgumentException(
                        PROPERTY
                                + ": '"
                                + key
                                + "' is neither a catalog entry nor a price (parley.models.catalog.*,"
                                + " parley.usage.prices.*)");
            }
            properties.put(key, entry);
        }
        return properties;
    }
}
