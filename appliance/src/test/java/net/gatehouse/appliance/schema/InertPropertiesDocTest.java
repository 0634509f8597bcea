package net.gatehouse.appliance.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/inert-properties.md lists every property Gatehouse accepts but does not act on, per
 * component, and is generated from the schema so it cannot drift. Run with
 * {@code -Ddocs.update=true} to rewrite it after changing the schema.
 */
class InertPropertiesDocTest {

    private static final Path DOC = Path.of(System.getProperty("basedir", "."), "..", "docs", "inert-properties.md");

    @Test
    void theInertPropertyListInDocsMatchesTheSchema() throws Exception {
        String expected = render(Schema.standard());
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/inert-properties.md is stale; rerun with -Ddocs.update=true")
                .isEqualTo(expected);
    }

    static String render(Schema schema) {
        StringBuilder out = new StringBuilder();
        out.append("# Inert properties\n\n")
                .append("Gatehouse accepts every property BIG-IP has for the components it models, with F5's\n")
                .append("defaults. The properties below are *inert*: accepted, validated, stored, saved to and\n")
                .append("loaded from bigip.conf, shown by `list` and iControl REST, but not acted on by the\n")
                .append("data plane or the monitors. This file is generated from the schema\n")
                .append("(`InertPropertiesDocTest`, `-Ddocs.update=true`).\n\n")
                .append("Note: this build has the configuration machinery only; the data plane and the monitor\n")
                .append("engine come with their own issues. Until they land, *no* property is acted on; the\n")
                .append("properties not listed here are the ones those issues implement.\n");
        for (ComponentType type : schema.types()) {
            List<String> inert = inert(type.properties(), "");
            if (!inert.isEmpty()) {
                out.append("\n## ").append(type.path()).append("\n\n");
                for (String name : inert) {
                    out.append("- `").append(name).append("`\n");
                }
            }
        }
        return out.toString();
    }

    private static List<String> inert(List<Property> properties, String prefix) {
        List<String> names = new java.util.ArrayList<>();
        for (Property property : properties.stream().sorted(java.util.Comparator.comparing(Property::name)).toList()) {
            String name = prefix + property.name();
            if (property.has(Property.Trait.INERT)) {
                names.add(name);
            } else if (property.shape() instanceof Shape.Block block) {
                names.addAll(inert(block.properties(), name + " "));
            } else if (property.shape() instanceof Shape.Collection collection) {
                names.addAll(inert(collection.itemProperties(), name + " (item) "));
            }
        }
        return names;
    }
}
