package net.gatehouse.appliance.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical JSON a body is stored as: text values as strings, collections as arrays of
 * {@code {"name": ..., "body": {...}}}, blocks as objects. Keys are sorted, so equal bodies give
 * equal text.
 */
public final class BodyCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BodyCodec() {
    }

    public static String write(Body body) {
        try {
            return MAPPER.writeValueAsString(toJson(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a body", e);
        }
    }

    public static Body read(String json) {
        try {
            return fromJson(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored body is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode toJson(Body body) {
        ObjectNode node = MAPPER.createObjectNode();
        for (Map.Entry<String, Value> entry : body.values().entrySet()) {
            Value value = entry.getValue();
            if (value instanceof Value.Text text) {
                node.put(entry.getKey(), text.text());
            } else if (value instanceof Value.Block block) {
                node.set(entry.getKey(), toJson(block.body()));
            } else if (value instanceof Value.Items items) {
                ArrayNode array = node.putArray(entry.getKey());
                for (Item item : items.items()) {
                    ObjectNode itemNode = array.addObject();
                    itemNode.put("name", item.name());
                    itemNode.set("body", toJson(item.body()));
                }
            }
        }
        return node;
    }

    private static Body fromJson(JsonNode node) {
        TreeMap<String, Value> values = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isArray()) {
                List<Item> items = new ArrayList<>();
                for (JsonNode item : value) {
                    items.add(new Item(item.get("name").asText(), fromJson(item.get("body"))));
                }
                values.put(field.getKey(), new Value.Items(items));
            } else if (value.isObject()) {
                values.put(field.getKey(), new Value.Block(fromJson(value)));
            } else {
                values.put(field.getKey(), new Value.Text(value.asText()));
            }
        }
        return Body.of(values);
    }
}
