package net.gatehouse.mgmt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import net.gatehouse.appliance.Appliance;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.syntax.IcontrolJson;
import net.gatehouse.appliance.tmsh.TmshError;

/**
 * {@code POST /mgmt/tm/sys/config} with {@code {"command": "save"}} or {@code {"command": "load"}}
 * (options {@code [{"file": F}, {"merge": ""}, {"verify": ""}, {"default": ""}]}): tmsh's
 * {@code save|load sys config}, run as the caller.
 */
@Path("/mgmt/tm/sys/config")
@Produces(MediaType.APPLICATION_JSON)
public final class SysConfigResource {

    private static final List<String> OPTIONS = List.of("file", "merge", "verify", "default");

    private final Appliance appliance;

    SysConfigResource(Appliance appliance) {
        this.appliance = appliance;
    }

    @POST
    public String run(String body, @Context SecurityContext caller) {
        JsonNode request = Json.parse(body);
        String command = request.path("command").asText("");
        if (!command.equals("save") && !command.equals("load")) {
            throw new RestError(400, "sys/config takes \"command\": \"save\" or \"load\", not \"" + command + "\".");
        }
        List<String> words = new ArrayList<>(List.of(command, "sys", "config"));
        for (JsonNode option : request.path("options")) {
            option.fields().forEachRemaining(field -> {
                String value = field.getValue().asText("");
                if (!OPTIONS.contains(field.getKey()) || value.contains("\"") || value.contains("\\")) {
                    throw new RestError(400, "sys/config: option " + field + " is not one of " + OPTIONS
                            + " with a plain value.");
                }
                words.add(field.getKey());
                if (!value.isEmpty()) {
                    words.add("\"" + value + "\"");
                }
            });
        }
        Principal principal = new Principal(caller.getUserPrincipal().getName(), Principal.Origin.REST);
        try {
            appliance.tmsh(principal).execute(String.join(" ", words));
        } catch (TmshError e) {
            throw new RestError(400, e.getMessage());
        }
        ObjectNode answer = request.deepCopy();
        answer.put("kind", "tm:sys:config:" + command + "state");
        answer.put("selfLink", "https://localhost/mgmt/tm/sys/config?ver=" + IcontrolJson.VERSION);
        return answer.toString();
    }
}
