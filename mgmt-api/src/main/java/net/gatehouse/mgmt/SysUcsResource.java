package net.gatehouse.mgmt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.gatehouse.appliance.Appliance;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.syntax.IcontrolJson;
import net.gatehouse.appliance.ucs.UcsError;
import net.gatehouse.appliance.ucs.UcsInfo;

/**
 * {@code /mgmt/tm/sys/ucs} as BIG-IP answers it: {@code GET} lists the archives (each item's details in
 * {@code apiRawValues}, by F5's names), {@code POST {"command":"save"|"load","name":N,"options":[{"passphrase":P}]}}
 * saves or loads one, and {@code DELETE /mgmt/tm/sys/ucs/NAME} removes one; run as the caller.
 */
@Path("/mgmt/tm/sys/ucs")
@Produces(MediaType.APPLICATION_JSON)
public final class SysUcsResource {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Load options BIG-IP takes that concern what this appliance does not have; accepted, no effect. */
    private static final Set<String> INERT_OPTIONS = Set.of("no-license", "no-platform-check",
            "include-chassis-level-config", "reset-trust", "keep-current-management-ip", "platform-migrate");

    private final Appliance appliance;

    SysUcsResource(Appliance appliance) {
        this.appliance = appliance;
    }

    @GET
    public String list() {
        ObjectNode collection = NODES.objectNode();
        collection.put("kind", "tm:sys:ucs:ucscollectionstate");
        collection.put("selfLink", "https://localhost/mgmt/tm/sys/ucs?ver=" + IcontrolJson.VERSION);
        ArrayNode items = collection.putArray("items");
        for (UcsInfo info : appliance.ucs().list()) {
            ObjectNode item = items.addObject();
            item.put("kind", "tm:sys:ucs:ucsstate");
            item.put("generation", 0);
            ObjectNode raw = item.putObject("apiRawValues");
            info.rawValues().forEach(raw::put);
        }
        return collection.toString();
    }

    @POST
    public String run(String body, @Context SecurityContext caller) {
        JsonNode request = Json.parse(body);
        run(appliance, principal(caller), request);
        ObjectNode answer = request.deepCopy();
        answer.remove("options");
        answer.put("kind", "tm:sys:ucs:" + request.path("command").asText() + "state");
        answer.put("selfLink", "https://localhost/mgmt/tm/sys/ucs?ver=" + IcontrolJson.VERSION);
        return answer.toString();
    }

    /** A save or load request, checked: its command, its archive and its passphrase, if any. */
    record UcsRequest(String command, String name, Optional<char[]> passphrase) {
    }

    /** Checks {@code {"command":"save"|"load","name":N,"options":[{"passphrase":P}, ...]}}; 400 if it is not that. */
    static UcsRequest parse(JsonNode request) {
        String command = request.path("command").asText("");
        String name = request.path("name").asText("");
        if (!command.equals("save") && !command.equals("load")) {
            throw new RestError(400, "sys/ucs takes \"command\": \"save\" or \"load\", not \"" + command + "\".");
        }
        if (name.isEmpty()) {
            throw new RestError(400, "sys/ucs " + command + " requires \"name\", the UCS file.");
        }
        Optional<char[]> passphrase = Optional.empty();
        for (JsonNode option : request.path("options")) {
            for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) option::fields) {
                if (field.getKey().equals("passphrase")) {
                    passphrase = Optional.of(field.getValue().asText("").toCharArray());
                } else if (!command.equals("load") || !INERT_OPTIONS.contains(field.getKey())) {
                    throw new RestError(400, "sys/ucs " + command + ": option \"" + field.getKey()
                            + "\" is not one of " + List.of("passphrase") + (command.equals("load") ? " or " + INERT_OPTIONS : "")
                            + ".");
                }
            }
        }
        return new UcsRequest(command, name, passphrase);
    }

    /** Saves or loads as {@code principal} asks in {@code request}; 403 for a non-administrator, 400 otherwise. */
    static void run(Appliance appliance, Principal principal, JsonNode request) {
        UcsRequest ucs = parse(request);
        try {
            if (ucs.command().equals("save")) {
                appliance.ucs().save(principal, ucs.name(), ucs.passphrase());
            } else {
                appliance.ucs().load(principal, ucs.name(), ucs.passphrase());
            }
        } catch (UcsError e) {
            throw new RestError(e.getMessage().startsWith("01070822") ? 403 : 400, e.getMessage());
        }
    }

    @DELETE
    @Path("{name}")
    public String delete(@PathParam("name") String name, @Context SecurityContext caller) {
        try {
            appliance.ucs().delete(principal(caller), name);
        } catch (UcsError e) {
            throw new RestError(e.getMessage().contains("was not found") ? 404 : 400, e.getMessage());
        }
        return "";
    }

    private static Principal principal(SecurityContext caller) {
        return new Principal(caller.getUserPrincipal().getName(), Principal.Origin.REST);
    }
}
