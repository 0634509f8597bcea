package net.gatehouse.appliance.syntax;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Edit;
import net.gatehouse.appliance.config.Effective;
import net.gatehouse.appliance.config.Item;
import net.gatehouse.appliance.config.Secrets;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.config.Value;
import net.gatehouse.appliance.runtime.CertificateView;
import net.gatehouse.appliance.runtime.HealthView;
import net.gatehouse.appliance.runtime.RuntimeState;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.schema.InvalidValue;
import net.gatehouse.appliance.schema.ItemNaming;
import net.gatehouse.appliance.schema.NameContext;
import net.gatehouse.appliance.schema.Paths;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.Shape;
import net.gatehouse.appliance.schema.ValueType;

/**
 * iControl REST JSON, derived from the schema: objects with {@code kind}, {@code name},
 * {@code partition}, {@code fullPath}, {@code generation} and {@code selfLink}, properties under
 * their REST names, flags as booleans, subcollections as {@code ...Reference} links; and request
 * bodies read back into edits.
 */
public final class IcontrolJson {

    /** The TMOS version the REST links and kinds speak for. */
    public static final String VERSION = "15.1.0";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> IDENTITY = Set.of("kind", "name", "partition", "subPath", "fullPath",
            "generation", "selfLink");

    private final Snapshot snapshot;
    private final Effective effective;
    private final String host;
    private final HealthView health;
    private final CertificateView certificates;

    public IcontrolJson(Snapshot snapshot, String host) {
        this(snapshot, host, HealthView.unchecked(), CertificateView.none());
    }

    /** A writer that shows member and node {@code state} as the monitors say. */
    public IcontrolJson(Snapshot snapshot, String host, HealthView health) {
        this(snapshot, host, health, CertificateView.none());
    }

    /** A writer that shows member and node {@code state} as the monitors say and the details read from certificates. */
    public IcontrolJson(Snapshot snapshot, String host, HealthView health, CertificateView certificates) {
        this.snapshot = snapshot;
        this.effective = new Effective(snapshot);
        this.host = host;
        this.health = health;
        this.certificates = certificates;
    }

    /** The object as a GET returns it; {@code expand} includes subcollection items. */
    public ObjectNode write(ConfigObject object, boolean expand) {
        ObjectNode node = NODES.objectNode();
        ComponentType type = object.type();
        String link = selfLink(type, object.fullPath());
        if (type.singleton()) {
            // A singleton is its collection's URL, with no name: /mgmt/tm/sys/global-settings.
            link = "https://" + host + type.restPath() + "?ver=" + VERSION;
            node.put("kind", type.restKind());
            node.put("selfLink", link);
        } else {
            identity(node, type.restKind(), object.fullPath(), type.partitioned(), object.generation(), link);
        }
        Body body = RuntimeState.withDetails(RuntimeState.merge(object, effective.body(object), health, false),
                certificates.details(snapshot, object));
        writeProperties(node, type.properties(), body,
                new Where(link, type, expand, object.generation(), kindPrefix(type)));
        return node;
    }

    /** A collection GET: {@code {"kind": "...collectionstate", "selfLink": ..., "items": [...]}}. */
    public ObjectNode writeCollection(ComponentType type, List<ConfigObject> objects, boolean expand) {
        ObjectNode node = NODES.objectNode();
        node.put("kind", type.restCollectionKind());
        node.put("selfLink", "https://" + host + type.restPath() + "?ver=" + VERSION);
        ArrayNode items = node.putArray("items");
        for (ConfigObject object : objects) {
            items.add(write(object, expand));
        }
        return node;
    }

    private void identity(ObjectNode node, String kind, String fullPath, boolean partitioned, long generation,
            String link) {
        node.put("kind", kind);
        if (partitioned && Paths.folder(fullPath).equals("/")) {
            // Folders at the root ("/", "/Common", "/Tenant1"): no partition; below "/", subPath "/".
            node.put("name", fullPath.equals("/") ? "/" : Paths.name(fullPath));
            if (!fullPath.equals("/")) {
                node.put("subPath", "/");
            }
        } else if (partitioned) {
            node.put("name", Paths.name(fullPath));
            node.put("partition", Paths.partition(fullPath));
            String subPath = Paths.subPath(fullPath);
            if (!subPath.isEmpty()) {
                node.put("subPath", subPath);
            }
        } else {
            node.put("name", fullPath);
        }
        node.put("fullPath", fullPath);
        node.put("generation", generation);
        node.put("selfLink", link);
    }

    private String selfLink(ComponentType type, String fullPath) {
        return "https://" + host + type.restPath() + "/" + Paths.tilde(fullPath) + "?ver=" + VERSION;
    }

    /**
     * Where properties are written: the self link of what holds them, the component, whether
     * subcollections are expanded, the generation, and the kind prefix of subcollections under it
     * ({@code tm:ltm:policy}, and {@code tm:ltm:policy:rules} inside a rule).
     */
    private record Where(String link, ComponentType type, boolean expand, long generation, String kindPrefix) {
    }

    private static String kindPrefix(ComponentType type) {
        return type.restKind().substring(0, type.restKind().lastIndexOf(':'));
    }

    private void writeProperties(ObjectNode node, List<Property> properties, Body body, Where where) {
        ComponentType type = where.type();
        for (Property property : properties.stream().sorted(Comparator.comparing(Property::name)).toList()) {
            Optional<Value> value = body.get(property.name());
            Shape shape = property.shape();
            // A password or passphrase is returned only as BIG-IP's fixed releases do: its $M$ value (K20059815).
            if (property.has(Property.Trait.SECRET)
                    && !value.map(v -> v instanceof Value.Text text && Secrets.isSealed(text.text())).orElse(false)) {
                continue;
            }
            if (shape instanceof Shape.Flag) {
                value.ifPresent(v -> node.put(Property.camelCase(((Value.Text) v).text()), true));
            } else if (shape instanceof Shape.Block block) {
                ObjectNode inner = NODES.objectNode();
                writeProperties(inner, block.properties(), value.map(v -> ((Value.Block) v).body()).orElse(Body.EMPTY),
                        where);
                node.set(property.restName(), inner);
            } else if (shape instanceof Shape.Collection collection) {
                List<Item> items = value.map(v -> ((Value.Items) v).items()).orElse(List.of());
                writeCollection(node, property, collection, items, where);
            } else if (value.isPresent()) {
                String text = ((Value.Text) value.get()).text();
                boolean showsNone = showsNone(type) || property.has(Property.Trait.REST_SHOWS_NONE);
                scalar(property, text, showsNone).ifPresent(json -> node.set(property.restName(), json));
                if (property.scalarType().orElseThrow() instanceof ValueType.ObjectRef ref
                        && !type.family().equals(Family.MONITOR)) {
                    referenceLink(ref.family(), text)
                            .ifPresent(target -> node.putObject(property.restName() + "Reference").put("link", target));
                }
            }
        }
    }

    /**
     * BIG-IP's REST leaves out properties whose value is {@code none}, except on profiles, which
     * show {@code "none"}.
     */
    private Optional<JsonNode> scalar(Property property, String canonical, boolean showsNone) {
        ValueType type = property.scalarType().orElseThrow();
        if (canonical.equals("none") && !showsNone) {
            return Optional.empty();
        }
        String shown = property.readAs().getOrDefault(canonical, canonical);
        if (property.has(Property.Trait.REST_TRAILING_SPACE) && shown.startsWith("/")) {
            return Optional.of(NODES.textNode(shown + " "));
        }
        return Optional.of(shown.equals(canonical) ? type.json(canonical) : NODES.textNode(shown));
    }

    private static boolean showsNone(ComponentType type) {
        return type.family().equals(Family.PROFILE) || type.family().equals(Family.PERSISTENCE);
    }

    private void writeCollection(ObjectNode node, Property property, Shape.Collection collection, List<Item> items,
            Where where) {
        ComponentType owner = where.type();
        if (collection.restSubcollection().isPresent()) {
            String sub = collection.restSubcollection().get();
            ObjectNode reference = node.putObject(property.restName() + "Reference");
            String base = where.link().substring(0, where.link().indexOf('?'));
            reference.put("link", base + "/" + sub + "?ver=" + VERSION);
            reference.put("isSubcollection", true);
            if (where.expand()) {
                ArrayNode array = reference.putArray("items");
                for (Item item : items) {
                    array.add(subcollectionItem(owner, where.kindPrefix(), sub, collection, item, base,
                            where.generation(), true));
                }
            }
            return;
        }
        if (items.isEmpty() && !showsNone(owner)) {
            return;
        }
        ArrayNode array = node.putArray(property.restName());
        for (Item item : items) {
            if (collection.itemProperties().isEmpty() && property.has(Property.Trait.REST_ITEM_OBJECTS)) {
                array.addObject().put("name", item.name());
            } else if (collection.itemProperties().isEmpty()) {
                array.add(item.name());
            } else {
                ObjectNode itemNode = array.addObject();
                // Full paths are split into name and partition (unless the property says not); other names stay whole.
                boolean fullPath = item.name().startsWith("/") && !property.has(Property.Trait.REST_WHOLE_ITEM_NAMES);
                itemNode.put("name", fullPath ? Paths.name(item.name()) : item.name());
                if (fullPath) {
                    itemNode.put("partition", Paths.partition(item.name()));
                }
                writeProperties(itemNode, collection.itemProperties(),
                        withDefaults(collection.itemProperties(), item.body()), where);
                nameReference(itemNode, collection, item);
                if (property.has(Property.Trait.REST_PARTITION_LINKS)) {
                    itemNode.putObject("nameReference").put("link", "https://" + host + "/mgmt/tm/auth/partition/"
                            + item.name() + "?ver=" + VERSION);
                }
            }
        }
    }

    /**
     * One subcollection item ({@code kindPrefix:members:membersstate}); its own subcollections (a
     * policy rule's actions and conditions) are written under its link, expanded when {@code expand}.
     */
    private ObjectNode subcollectionItem(ComponentType owner, String kindPrefix, String sub,
            Shape.Collection collection, Item item, String ownerLink, long generation, boolean expand) {
        ObjectNode itemNode = NODES.objectNode();
        String kind = kindPrefix + ":" + sub + ":" + sub + "state";
        String link = ownerLink + "/" + sub + "/" + Paths.tilde(item.name()) + "?ver=" + VERSION;
        identity(itemNode, kind, item.name(), item.name().startsWith("/"), generation, link);
        writeProperties(itemNode, collection.itemProperties(), item.body(),
                new Where(link, owner, expand, generation, kindPrefix + ":" + sub));
        nameReference(itemNode, collection, item);
        return itemNode;
    }

    /** Items that name another object (persist, profiles) link to it: {@code "nameReference": {"link": ...}}. */
    private void nameReference(ObjectNode itemNode, Shape.Collection collection, Item item) {
        if (collection.naming() instanceof ItemNaming.Ref ref) {
            referenceLink(ref.family(), item.name()).ifPresent(target -> itemNode.putObject("nameReference")
                    .put("link", target));
        }
    }

    /**
     * The link to the object a reference names ({@code poolReference}, {@code defaultsFromReference}):
     * the REST path of its component when it exists here, the traffic-group path for traffic groups;
     * nothing for {@code none} and other special words.
     */
    private Optional<String> referenceLink(Family family, String fullPath) {
        if (!fullPath.startsWith("/")) {
            return Optional.empty();
        }
        Optional<String> restPath = snapshot.find(family, fullPath).map(o -> o.type().restPath());
        if (restPath.isEmpty() && family.equals(Family.TRAFFIC_GROUP)) {
            restPath = Optional.of("/mgmt/tm/cm/traffic-group");
        }
        return restPath.map(path -> "https://" + host + path + "/" + Paths.tilde(fullPath) + "?ver=" + VERSION);
    }

    /**
     * A subcollection GET ({@code /mgmt/tm/ltm/pool/~Common~web/members}):
     * {@code {"kind": "tm:ltm:pool:members:memberscollectionstate", "selfLink": ..., "items": [...]}}.
     */
    public ObjectNode writeSubcollection(ConfigObject owner, Property property, boolean expand) {
        Shape.Collection collection = (Shape.Collection) property.shape();
        String sub = collection.restSubcollection().orElseThrow();
        String base = ownerLink(owner);
        ObjectNode node = NODES.objectNode();
        node.put("kind", kindPrefix(owner.type()) + ":" + sub + ":" + sub + "collectionstate");
        node.put("selfLink", base + "/" + sub + "?ver=" + VERSION);
        ArrayNode array = node.putArray("items");
        for (Item item : items(owner, property)) {
            array.add(subcollectionItem(owner.type(), kindPrefix(owner.type()), sub, collection, item, base,
                    owner.generation(), expand));
        }
        return node;
    }

    /** One item of a subcollection, as {@code GET .../members/~Common~10.0.0.1:80} returns it. */
    public Optional<ObjectNode> writeSubcollectionItem(ConfigObject owner, Property property, String itemName,
            boolean expand) {
        Shape.Collection collection = (Shape.Collection) property.shape();
        String sub = collection.restSubcollection().orElseThrow();
        return items(owner, property).stream().filter(i -> i.name().equals(itemName)).findFirst()
                .map(item -> subcollectionItem(owner.type(), kindPrefix(owner.type()), sub, collection, item,
                        ownerLink(owner), owner.generation(), expand));
    }

    private String ownerLink(ConfigObject owner) {
        String link = selfLink(owner.type(), owner.fullPath());
        return link.substring(0, link.indexOf('?'));
    }

    private List<Item> items(ConfigObject owner, Property property) {
        return effective.body(owner).get(property.name()).map(v -> ((Value.Items) v).items()).orElse(List.of());
    }

    private static Body withDefaults(List<Property> properties, Body body) {
        return body.edit(values -> {
            for (Property property : properties) {
                if (!values.containsKey(property.name())) {
                    property.defaultValue().ifPresent(d -> values.put(property.name(), new Value.Text(d)));
                }
            }
        });
    }

    /** The full path a request body names: {@code fullPath}, or {@code partition} + {@code subPath} + {@code name}. */
    public static Optional<String> fullPath(JsonNode body, ComponentType type) {
        if (body.hasNonNull("fullPath")) {
            return Optional.of(Paths.fromTilde(body.get("fullPath").asText()));
        }
        if (!body.hasNonNull("name")) {
            return Optional.empty();
        }
        String name = Paths.fromTilde(body.get("name").asText());
        if (!type.partitioned() || name.startsWith("/")) {
            return Optional.of(name);
        }
        if (!body.hasNonNull("partition") && body.path("subPath").asText().equals("/")) {
            return Optional.of(Paths.join("/", name));
        }
        String folder = "/" + (body.hasNonNull("partition") ? body.get("partition").asText() : "Common");
        if (body.hasNonNull("subPath")) {
            folder = Paths.join(folder, body.get("subPath").asText());
        }
        return Optional.of(Paths.join(folder, name));
    }

    /** Reads a POST, PUT or PATCH body into edits; collections given are replaced whole. */
    public static List<Edit> read(ComponentType type, JsonNode body, NameContext names) throws ConfigError {
        return readProperties(type.properties(), body, names, type.label());
    }

    private static List<Edit> readProperties(List<Property> properties, JsonNode body, NameContext names,
            String label) throws ConfigError {
        List<Edit> edits = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (IDENTITY.contains(key) || key.endsWith("Reference") && !value.has("items")) {
                continue;
            }
            String restName = key.endsWith("Reference") ? key.substring(0, key.length() - "Reference".length()) : key;
            JsonNode given = key.endsWith("Reference") ? value.get("items") : value;
            Optional<Property> flag = properties.stream().filter(p -> p.shape() instanceof Shape.Flag f
                    && f.words().stream().anyMatch(w -> Property.camelCase(w).equals(restName))).findFirst();
            if (flag.isPresent()) {
                if (given.asBoolean()) {
                    Shape.Flag shape = (Shape.Flag) flag.get().shape();
                    String word = shape.words().stream().filter(w -> Property.camelCase(w).equals(restName))
                            .findFirst().orElseThrow();
                    edits.add(new Edit.SetText(flag.get().name(), word));
                }
                continue;
            }
            Property property = properties.stream().filter(p -> p.restName().equals(restName)).findFirst()
                    .orElseThrow(() -> ConfigError.general("Found unexpected json pair at configuration item "
                            + label + ". The json pair \"" + restName + "\":" + given + " is not allowed."));
            edits.add(readProperty(property, given, names, label));
        }
        return edits;
    }

    private static Edit readProperty(Property property, JsonNode given, NameContext names, String label)
            throws ConfigError {
        Shape shape = property.shape();
        if (shape instanceof Shape.Block block) {
            return new Edit.SetBlock(property.name(), readProperties(block.properties(), given, names, label), false);
        }
        if (shape instanceof Shape.Collection collection) {
            List<Edit.ItemEdit> items = new ArrayList<>();
            for (JsonNode item : given) {
                String raw = item.isTextual() ? item.asText() : itemPath(item);
                String name = canonicalItem(property, collection.naming(), raw, names);
                List<Edit> itemEdits = item.isObject()
                        ? readProperties(collection.itemProperties(), item, names, label)
                        : List.of();
                items.add(new Edit.ItemEdit(name, itemEdits));
            }
            return new Edit.Collection(property.name(), Edit.Operation.REPLACE, items);
        }
        ValueType type = property.scalarType().orElseThrow();
        boolean exact = type instanceof ValueType.Text;
        String raw = given.isTextual() && !exact ? given.asText().strip() : given.asText();
        if (type instanceof ValueType.WordOrList list && given.isArray()) {
            List<String> items = new ArrayList<>();
            given.forEach(item -> items.add(item.asText().strip()));
            raw = list.fromArray(items);
        }
        try {
            return new Edit.SetText(property.name(), type.canonical(raw, names));
        } catch (InvalidValue e) {
            throw ConfigError.general(label + " property " + property.restName() + " value \"" + raw + "\" "
                    + e.getMessage());
        }
    }

    /**
     * Reads the body of a subcollection item ({@code POST .../members}, {@code PATCH .../members/x})
     * into the edit of one item; {@code itemName} is the name from the URL, or empty to take it
     * from the body.
     */
    public static Edit.ItemEdit readItem(ComponentType owner, Property property, Optional<String> itemName,
            JsonNode body, NameContext names) throws ConfigError {
        Shape.Collection collection = (Shape.Collection) property.shape();
        String raw = itemName.orElseGet(() -> itemPath(body));
        if (raw.isEmpty()) {
            throw ConfigError.general("The name of a " + property.restName() + " item of " + owner.label()
                    + " is required.");
        }
        String name = canonicalItem(property, collection.naming(), raw, names);
        return new Edit.ItemEdit(name, readProperties(collection.itemProperties(), body, names, owner.label()));
    }

    private static String itemPath(JsonNode item) {
        String name = Paths.fromTilde(item.path("name").asText());
        if (item.hasNonNull("partition") && !name.startsWith("/")) {
            return Paths.join("/" + item.get("partition").asText(), name);
        }
        return name;
    }

    /** The canonical name of a collection item as the schema names it ({@code 10.0.0.1:80} → {@code /Common/10.0.0.1:80}). */
    public static String canonicalItem(Property property, ItemNaming naming, String raw, NameContext names)
            throws ConfigError {
        try {
            return ItemNames.canonical(naming, raw, names);
        } catch (InvalidValue e) {
            throw ConfigError.general(property.restName() + " item \"" + raw + "\" " + e.getMessage());
        }
    }
}
