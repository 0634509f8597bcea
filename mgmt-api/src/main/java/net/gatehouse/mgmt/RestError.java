package net.gatehouse.mgmt;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import net.gatehouse.appliance.config.ConfigError;

/**
 * An error answer in iControl REST's shape:
 * {@code {"code": 404, "message": "01020036:3: The requested Pool (/Common/p1) was not found.", "errorStack": [], "apiError": 3}}.
 * Configuration errors carry {@code apiError} 3, as BIG-IP's do; errors of the REST framework
 * itself (authentication, unknown URIs, malformed JSON) carry 1.
 */
public final class RestError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final int apiError;

    public RestError(int status, String message) {
        this(status, message, 1);
    }

    private RestError(int status, String message, int apiError) {
        super(message);
        this.status = status;
        this.apiError = apiError;
    }

    /**
     * A refused configuration change: 404 when an object is missing, 409 when it exists, 403 when the
     * user's role does not allow it (mcpd's {@code 01070822 Access Denied}), else 400.
     */
    public static RestError of(ConfigError error) {
        int status = switch (error.code()) {
            case "01020036" -> 404;
            case "01020066" -> 409;
            case "01070822" -> 403;
            default -> 400;
        };
        return new RestError(status, error.getMessage(), 3);
    }

    public int status() {
        return status;
    }

    public Response response() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("code", status);
        body.put("message", getMessage());
        body.putArray("errorStack");
        body.put("apiError", apiError);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.toString()).build();
    }
}
