package net.gatehouse.appliance.syntax;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Effective;
import net.gatehouse.appliance.config.Item;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.config.Value;
import net.gatehouse.appliance.runtime.CertificateView;
import net.gatehouse.appliance.runtime.HealthView;
import net.gatehouse.appliance.runtime.RuntimeState;
import net.gatehouse.appliance.schema.Addresses;
import net.gatehouse.appliance.schema.ItemNaming;
import net.gatehouse.appliance.schema.Paths;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.Services;
import net.gatehouse.appliance.schema.Shape;
import net.gatehouse.appliance.schema.ValueType;

/**
 * Writes objects as tmsh {@code list} shows them and as bigip.conf stores them: four-space indent,
 * properties in alphabetical order, only what is set (or always listed) unless all properties are
 * asked for. tmsh shows names relative to the current folder and ports by service name; bigip.conf
 * writes full paths and numbers.
 */
public final class StanzaWriter {

    /** Which text to write. */
    public enum Mode {
        /** tmsh {@code list}: what is set, relative names, service names. */
        LIST,
        /** tmsh {@code list ... all-properties}: every property in effect. */
        ALL_PROPERTIES,
        /** bigip.conf: what is set, full paths, numeric ports. */
        CONF
    }

    private static final String INDENT = "    ";

    private final Snapshot snapshot;
    private final Effective effective;
    private final Mode mode;
    private final String folder;
    private final HealthView health;
    private final CertificateView certificates;

    public StanzaWriter(Snapshot snapshot, Mode mode, String folder) {
        this(snapshot, mode, folder, HealthView.unchecked(), CertificateView.none());
    }

    /** A writer whose {@code list} shows member and node {@code state} as the monitors say (bigip.conf never does). */
    public StanzaWriter(Snapshot snapshot, Mode mode, String folder, HealthView health) {
        this(snapshot, mode, folder, health, CertificateView.none());
    }

    /**
     * A writer whose {@code list} shows member and node {@code state} as the monitors say and the details
     * read from certificates (bigip.conf shows neither).
     */
    public StanzaWriter(Snapshot snapshot, Mode mode, String folder, HealthView health, CertificateView certificates) {
        this.snapshot = snapshot;
        this.effective = new Effective(snapshot);
        this.mode = mode;
        this.folder = folder;
        this.health = health;
        this.certificates = mode == Mode.CONF ? CertificateView.none() : certificates;
    }

    /** The stanza on several lines, ending with a newline. */
    public String write(ConfigObject object) {
        StringBuilder out = new StringBuilder();
        for (String line : lines(object)) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** The stanza on one line, as {@code list ... one-line} shows it. */
    public String writeOneLine(ConfigObject object) {
        List<String> words = new ArrayList<>();
        for (String line : lines(object)) {
            words.add(line.strip());
        }
        return String.join(" ", words) + "\n";
    }

    private List<String> lines(ConfigObject object) {
        String name = !object.type().partitioned() || mode == Mode.CONF
                ? object.fullPath()
                : Paths.relativeTo(folder, object.fullPath());
        String header = object.type().singleton() ? object.type().path()
                : object.type().path() + " " + Lexer.name(name);
        Optional<Property> verbatim = object.type().properties().stream()
                .filter(p -> p.has(Property.Trait.VERBATIM)).findFirst();
        if (verbatim.isPresent()) {
            return List.of(header + " {" + object.body().text(verbatim.get().name()).orElse("") + "}");
        }
        Body shown = shownBody(object);
        List<String> body = new ArrayList<>();
        Optional<String> partition = mode == Mode.ALL_PROPERTIES && object.type().partitioned()
                ? Optional.of(Paths.partition(object.fullPath()))
                : Optional.empty();
        writeBody(object.type().properties(), shown, 1, body, partition);
        List<String> lines = new ArrayList<>();
        if (body.isEmpty()) {
            lines.add(header + " { }");
        } else {
            lines.add(header + " {");
            lines.addAll(body);
            lines.add("}");
        }
        return lines;
    }

    private Body shownBody(ConfigObject object) {
        Body details = certificates.details(snapshot, object);
        if (mode == Mode.ALL_PROPERTIES) {
            return RuntimeState.withDetails(RuntimeState.merge(object, effective.body(object), health, false), details);
        }
        Body inherited = effective.parentBody(object).orElse(Body.EMPTY);
        Body listed = listed(object.type().properties(), object.body(), inherited, effective.body(object));
        return mode == Mode.LIST ? RuntimeState.withDetails(RuntimeState.merge(object, listed, health, true), details)
                : listed;
    }

    /**
     * What {@code list} and bigip.conf show: values set that differ from what would be in effect
     * without them, plus the always-listed properties.
     */
    private static Body listed(List<Property> properties, Body own, Body inherited, Body inEffect) {
        return Body.EMPTY.edit(values -> {
            for (Property property : properties) {
                Optional<Value> value = own.get(property.name());
                boolean always = property.has(Property.Trait.ALWAYS_LISTED);
                if (property.has(Property.Trait.READ_ONLY) && !always) {
                    continue;
                }
                if (property.shape() instanceof Shape.Block block) {
                    Body ownBlock = blockOf(value);
                    Body shown = listed(block.properties(), ownBlock, blockOf(inherited.get(property.name())),
                            blockOf(inEffect.get(property.name())));
                    if (!shown.isEmpty()) {
                        values.put(property.name(), new Value.Block(shown));
                    }
                } else if (property.shape() instanceof Shape.Collection collection) {
                    value.ifPresent(v -> values.put(property.name(), listedItems(collection, (Value.Items) v)));
                } else if (value.isPresent() && !value.equals(baseline(property, inherited))) {
                    values.put(property.name(), value.get());
                } else if (always) {
                    inEffect.get(property.name()).ifPresent(v -> values.put(property.name(), v));
                }
            }
        });
    }

    /** What would be in effect if the object did not set the property. */
    private static Optional<Value> baseline(Property property, Body inherited) {
        return inherited.get(property.name()).or(() -> property.defaultValue().map(Value.Text::new));
    }

    private static Value.Items listedItems(Shape.Collection collection, Value.Items items) {
        List<Item> shown = new ArrayList<>();
        for (Item item : items.items()) {
            Body inEffect = item.body().edit(values -> collection.itemProperties().forEach(p -> p.defaultValue()
                    .ifPresent(d -> values.putIfAbsent(p.name(), new Value.Text(d)))));
            shown.add(new Item(item.name(), listed(collection.itemProperties(), item.body(), Body.EMPTY, inEffect)));
        }
        return new Value.Items(shown);
    }

    private static Body blockOf(Optional<Value> value) {
        return value.filter(Value.Block.class::isInstance).map(v -> ((Value.Block) v).body()).orElse(Body.EMPTY);
    }

    /**
     * Writes properties in alphabetical order; {@code partition}, not a property but shown by
     * all-properties, takes its alphabetical place at the top level.
     */
    private void writeBody(List<Property> properties, Body body, int depth, List<String> out,
            Optional<String> partition) {
        String indent = INDENT.repeat(depth);
        boolean partitionWritten = partition.isEmpty();
        for (Property property : properties.stream().sorted(Comparator.comparing(Property::name)).toList()) {
            if (!partitionWritten && property.name().compareTo("partition") > 0) {
                out.add(indent + "partition " + partition.get());
                partitionWritten = true;
            }
            Optional<Value> value = body.get(property.name());
            if (property.shape() instanceof Shape.Flag) {
                value.ifPresent(v -> out.add(indent + ((Value.Text) v).text()));
            } else if (property.shape() instanceof Shape.Block block) {
                Body inner = blockOf(value);
                if (!inner.isEmpty()) {
                    out.add(indent + property.name() + " {");
                    writeBody(block.properties(), inner, depth + 1, out, Optional.empty());
                    out.add(indent + "}");
                } else if (mode == Mode.ALL_PROPERTIES) {
                    out.add(indent + property.name() + " { }");
                }
            } else if (property.shape() instanceof Shape.Collection collection) {
                writeCollection(property, collection, value, depth, out);
            } else if (value.isPresent()) {
                out.add(indent + property.name() + " " + scalar(property, ((Value.Text) value.get()).text()));
            }
        }
        if (!partitionWritten) {
            out.add(indent + "partition " + partition.get());
        }
    }

    private void writeCollection(Property property, Shape.Collection collection, Optional<Value> value, int depth,
            List<String> out) {
        String indent = INDENT.repeat(depth);
        List<Item> items = value.map(v -> ((Value.Items) v).items()).orElse(List.of());
        if (items.isEmpty()) {
            if (mode == Mode.ALL_PROPERTIES) {
                out.add(indent + property.name() + " none");
            }
            return;
        }
        if (collection.naming() instanceof ItemNaming.Plain && !collection.bodied()
                && items.stream().allMatch(item -> item.body().isEmpty())) {
            // Lists of words are written on one line, as BIG-IP does: options { no-ssl no-tlsv1 }.
            List<String> words = items.stream().map(item -> Lexer.quote(item.name(), false)).toList();
            out.add(indent + property.name() + " { " + String.join(" ", words) + " }");
            return;
        }
        out.add(indent + property.name() + " {");
        for (Item item : items) {
            String name = Lexer.name(itemName(collection.naming(), item.name()));
            if (!collection.bodied() && item.body().isEmpty()) {
                out.add(indent + INDENT + name);
            } else if (item.body().isEmpty()) {
                out.add(indent + INDENT + name + " { }");
            } else {
                out.add(indent + INDENT + name + " {");
                writeBody(collection.itemProperties(), item.body(), depth + 2, out, Optional.empty());
                out.add(indent + INDENT + "}");
            }
        }
        out.add(indent + "}");
    }

    private String scalar(Property property, String canonical) {
        // A password or passphrase is stored encrypted ($M$..., config.Secrets): list and bigip.conf show it so.
        String shown = canonical;
        if (mode != Mode.CONF) {
            shown = property.readAs().getOrDefault(canonical, canonical);
            shown = property.scalarType().map(t -> t.display(canonical, folder)).filter(s -> !s.equals(canonical))
                    .orElse(shown);
        }
        boolean multiWord = property.scalarType().map(ValueType::multiWord).orElse(false);
        if (multiWord || property.has(Property.Trait.UNQUOTED)) {
            return shown;
        }
        return Lexer.quote(shown, property.has(Property.Trait.QUOTED));
    }

    private String itemName(ItemNaming naming, String name) {
        if (mode == Mode.CONF || naming instanceof ItemNaming.Plain) {
            return name;
        }
        if (naming instanceof ItemNaming.Member) {
            String local = Paths.name(name);
            String[] parts = Addresses.splitAddressPort(local).orElse(new String[] {local, ""});
            String port = parts[1].isEmpty() ? "" : Services.display(Integer.parseInt(parts[1]));
            String shown = Addresses.canonical(parts[0]).isPresent()
                    ? Addresses.joinAddressPort(parts[0], port)
                    : parts[0] + ":" + port;
            return Paths.relativeTo(folder, Paths.join(Paths.folder(name), shown));
        }
        return Paths.relativeTo(folder, name);
    }
}
