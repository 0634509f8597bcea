package net.gatehouse.mgmt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Request bodies in, with BIG-IP's answer to JSON it cannot read. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The body as a JSON object; an empty body reads as {@code {}}. */
    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (!node.isObject()) {
                throw new RestError(400, "Found invalid JSON body in the request: a JSON object is expected.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new RestError(400, "Found invalid JSON body in the request.");
        }
    }
}
