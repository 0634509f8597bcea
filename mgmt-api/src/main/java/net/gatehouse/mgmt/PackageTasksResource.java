package net.gatehouse.mgmt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /mgmt/shared/iapp/package-management-tasks}: the iControl LX package tasks F5's clients
 * run to learn which extension packages (AS3, DO, TS ...) a box has. Gatehouse has none and
 * installs none: a {@code QUERY} task finishes at once with an empty {@code queryResponse}; an
 * {@code INSTALL} or {@code UNINSTALL} is refused with the reason. The last tasks are kept
 * (bounded) so a client can poll the one it created.
 */
@Path("/mgmt/shared/iapp/package-management-tasks")
@Produces(MediaType.APPLICATION_JSON)
public final class PackageTasksResource {

    private static final int KEPT_TASKS = 64;
    private static final String KIND = "shared:iapp:package-management-tasks:iapppackagemanagementtaskstate";

    private final Clock clock;
    private final Map<String, ObjectNode> tasks = new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ObjectNode> eldest) {
            return size() > KEPT_TASKS;
        }
    };

    PackageTasksResource(Clock clock) {
        this.clock = clock;
    }

    @POST
    public String create(String body) {
        JsonNode request = Json.parse(body);
        String operation = request.path("operation").asText("");
        if (!operation.equals("QUERY")) {
            throw new RestError(400, "package-management-tasks: operation \"" + operation + "\" is not possible on"
                    + " this appliance: it runs no iControl LX extensions and installs no packages; only QUERY is.");
        }
        ObjectNode task = JsonNodeFactory.instance.objectNode();
        String id = UUID.randomUUID().toString();
        task.put("operation", operation);
        task.put("id", id);
        task.put("status", "FINISHED");
        task.putArray("queryResponse");
        task.put("generation", 1);
        task.put("lastUpdateMicros", clock.millis() * 1000);
        task.put("kind", KIND);
        task.put("selfLink", "https://localhost/mgmt/shared/iapp/package-management-tasks/" + id);
        synchronized (tasks) {
            tasks.put(id, task);
        }
        return task.toString();
    }

    @GET
    @Path("{id}")
    public String get(@PathParam("id") String id) {
        synchronized (tasks) {
            return Optional.ofNullable(tasks.get(id)).map(ObjectNode::toString).orElseThrow(() -> new RestError(404,
                    "Task not found: package-management-tasks/" + id));
        }
    }
}
