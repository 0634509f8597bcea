package net.gatehouse.mgmt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import net.gatehouse.appliance.Appliance;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.syntax.IcontrolJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /mgmt/tm/task/sys/ucs}: BIG-IP's asynchronous form of {@code sys/ucs}, as
 * {@code bigip_ucs_fetch} drives it. {@code POST {"command":"save"|"load","name":N,"options":[...]}}
 * creates a task ({@code _taskId}, {@code _taskState: CREATED}) and checks the request;
 * {@code PUT /ID {"_taskState":"VALIDATING"}} runs it (202 Accepted) as the caller; {@code GET /ID}
 * and {@code GET /ID/result} tell {@code COMPLETED} or {@code FAILED} with the reason. The passphrase
 * is kept only until the task has run and is never echoed. The last tasks are kept (bounded).
 */
@Path("/mgmt/tm/task/sys/ucs")
@Produces(MediaType.APPLICATION_JSON)
public final class UcsTasksResource {

    private static final Logger LOG = LoggerFactory.getLogger(UcsTasksResource.class);
    private static final int KEPT_TASKS = 64;
    private static final String BASE = "https://localhost/mgmt/tm/task/sys/ucs/";

    /** One task: what it shows, and the request it runs (with its options) until it has run. */
    private static final class Task {
        final ObjectNode shown;
        JsonNode request;

        Task(ObjectNode shown, JsonNode request) {
            this.shown = shown;
            this.request = request;
        }
    }

    private final Appliance appliance;
    private final Clock clock;
    private long lastId;
    private final Map<Long, Task> tasks = new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Task> eldest) {
            return size() > KEPT_TASKS;
        }
    };

    UcsTasksResource(Appliance appliance, Clock clock) {
        this.appliance = appliance;
        this.clock = clock;
    }

    @POST
    public String create(String body) {
        JsonNode request = Json.parse(body);
        SysUcsResource.parse(request);
        ObjectNode shown = JsonNodeFactory.instance.objectNode();
        shown.put("command", request.path("command").asText());
        shown.put("name", request.path("name").asText());
        synchronized (tasks) {
            long id = Math.max(lastId + 1, clock.millis() * 1000);
            lastId = id;
            shown.put("_taskId", id);
            shown.put("_taskState", "CREATED");
            shown.put("_taskResultLink", BASE + id + "/result");
            shown.put("selfLink", BASE + id + "?ver=" + IcontrolJson.VERSION);
            tasks.put(id, new Task(shown, request));
            return shown.toString();
        }
    }

    @PUT
    @Path("{id}")
    public Response start(@PathParam("id") String id, String body, @Context SecurityContext caller) {
        String state = Json.parse(body).path("_taskState").asText("");
        if (!state.equals("VALIDATING")) {
            throw new RestError(400, "task/sys/ucs/" + id + ": \"_taskState\" may only be set to \"VALIDATING\","
                    + " which starts the task; not \"" + state + "\".");
        }
        Task task = task(id);
        JsonNode request;
        synchronized (tasks) {
            request = task.request;
            if (request == null) {
                throw new RestError(400, "task/sys/ucs/" + id + " has already run: "
                        + task.shown.path("_taskState").asText() + ".");
            }
            task.request = null;
            task.shown.put("_taskState", "VALIDATING");
        }
        Principal principal = new Principal(caller.getUserPrincipal().getName(), Principal.Origin.REST);
        String outcome;
        Optional<String> error = Optional.empty();
        try {
            SysUcsResource.run(appliance, principal, request);
            outcome = "COMPLETED";
        } catch (RestError e) {
            outcome = "FAILED";
            error = Optional.of(e.getMessage());
            LOG.info("task/sys/ucs/{} ({} {}) failed: {}", id, request.path("command").asText(),
                    request.path("name").asText(), e.getMessage());
        }
        synchronized (tasks) {
            task.shown.put("_taskState", outcome);
            error.ifPresent(message -> task.shown.put("_errorMessage", message));
            return Response.status(Response.Status.ACCEPTED).entity(task.shown.toString()).build();
        }
    }

    @GET
    @Path("{id}")
    public String get(@PathParam("id") String id) {
        Task task = task(id);
        synchronized (tasks) {
            return task.shown.toString();
        }
    }

    @GET
    @Path("{id}/result")
    public String result(@PathParam("id") String id) {
        return get(id);
    }

    private Task task(String id) {
        Task task;
        synchronized (tasks) {
            task = id.matches("\\d{1,18}") ? tasks.get(Long.parseLong(id)) : null;
        }
        if (task == null) {
            throw new RestError(404, "Task not found: task/sys/ucs/" + id);
        }
        return task;
    }
}
