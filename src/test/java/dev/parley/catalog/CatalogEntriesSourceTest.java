package dev.parley.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CatalogEntries parameter's form: catalog entries and prices only, each item named when refused. */
class CatalogEntriesSourceTest {

    @Test
    void itemsAreSplitOnSemicolonsAndLineBreaksAndKeepTheirCommas() {
        Map<String, String> properties =
                CatalogEntriesSource.parse(
                        " parley.models.catalog.new-model.id = mistral.new-v1:0 ;\n"
                                + "parley.models.catalog.new-model.capabilities=system,streaming,tools;;"
                                + "parley.usage.prices.new-model.input=0.40");
        assertEquals(
                Map.of(
                        "parley.models.catalog.new-model.id", "mistral.new-v1:0",
                        "parley.models.catalog.new-model.capabilities", "system,streaming,tools",
                        "parley.usage.prices.new-model.input", "0.40"),
                properties);
    }

    @Test
    void anythingButCatalogEntriesAndPricesIsRefusedByName() {
        for (String item :
                List.of(
                        "parley.models.allowed=nova-micro",
                        "parley.auth.mode=NONE",
                        "parley.models.catalog.=x",
                        "parley.models.catalog.a.id",
                        "parley.models.catalog.a.id=")) {
            IllegalArgumentException refused =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> CatalogEntriesSource.parse(item),
                            item);
            assertTrue(refused.getMessage().contains(item.split("=")[0]), refused.getMessage());
        }
    }
}
