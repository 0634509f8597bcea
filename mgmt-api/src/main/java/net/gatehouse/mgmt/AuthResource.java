package net.gatehouse.mgmt;

import net.gatehouse.appliance.auth.UserAccounts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /mgmt/shared/authn/login} and {@code /mgmt/shared/authz/tokens/{token}}: the token
 * login F5's clients use, with the token object in BIG-IP's shape.
 */
@Path("/mgmt/shared")
@Produces(MediaType.APPLICATION_JSON)
public final class AuthResource {

    private static final Logger LOG = LoggerFactory.getLogger(AuthResource.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")
            .withZone(ZoneOffset.UTC);

    private final Tokens tokens;
    private final UserAccounts users;

    AuthResource(Tokens tokens, UserAccounts users) {
        this.tokens = tokens;
        this.users = users;
    }

    @POST
    @Path("authn/login")
    public String login(String body) {
        JsonNode request = Json.parse(body);
        String user = request.path("username").asText("");
        String password = request.path("password").asText("");
        if (user.isEmpty() || !users.authenticate(user, password)) {
            LOG.warn("REST login failed for user '{}'", user);
            throw new RestError(401, "Authentication failed.");
        }
        Tokens.Token token = tokens.issue(user);
        ObjectNode node = NODES.objectNode();
        node.put("username", user);
        node.put("loginProviderName", request.path("loginProviderName").asText("tmos"));
        node.set("token", write(token));
        node.put("generation", 0);
        node.put("lastUpdateMicros", 0);
        LOG.info("REST login by {}", user);
        return node.toString();
    }

    @GET
    @Path("authz/tokens/{token}")
    public String get(@PathParam("token") String value, @Context SecurityContext caller) {
        return write(own(value, caller)).toString();
    }

    /** Gives a token a new timeout, in seconds: {@code {"timeout": 3600}}. */
    @PATCH
    @Path("authz/tokens/{token}")
    public String patch(@PathParam("token") String value, String body, @Context SecurityContext caller) {
        own(value, caller);
        JsonNode timeout = Json.parse(body).path("timeout");
        if (!timeout.canConvertToLong() || timeout.asLong() <= 0
                || timeout.asLong() > Tokens.MAX_TIMEOUT.toSeconds()) {
            throw new RestError(400, "Invalid timeout value " + timeout + ": a token timeout is 1 to "
                    + Tokens.MAX_TIMEOUT.toSeconds() + " seconds.");
        }
        return tokens.extend(value, Duration.ofSeconds(timeout.asLong())).map(t -> write(t).toString())
                .orElseThrow(() -> tokenNotFound(value));
    }

    @DELETE
    @Path("authz/tokens/{token}")
    public String delete(@PathParam("token") String value, @Context SecurityContext caller) {
        Tokens.Token token = own(value, caller);
        tokens.revoke(value);
        return write(token).toString();
    }

    private Tokens.Token own(String value, SecurityContext caller) {
        Tokens.Token token = tokens.valid(value).orElseThrow(() -> tokenNotFound(value));
        if (!token.user().equals(caller.getUserPrincipal().getName())) {
            throw tokenNotFound(value);
        }
        return token;
    }

    private static RestError tokenNotFound(String value) {
        return new RestError(404, "Token " + value + " was not found.");
    }

    private static ObjectNode write(Tokens.Token token) {
        ObjectNode node = NODES.objectNode();
        node.put("token", token.value());
        node.put("name", token.value());
        node.put("userName", token.user());
        node.put("authProviderName", "tmos");
        node.putObject("user").put("link", "https://localhost/mgmt/shared/authz/users/" + token.user());
        node.put("timeout", token.timeout().toSeconds());
        node.put("startTime", TIME.format(token.startTime()));
        node.put("partition", "[All]");
        node.put("generation", token.generation());
        node.put("lastUpdateMicros", token.lastUpdateMicros());
        node.put("expirationMicros", token.expiration().getEpochSecond() * 1_000_000L
                + token.expiration().getNano() / 1000);
        node.put("kind", "shared:authz:tokens:authtokenitemstate");
        node.put("selfLink", "https://localhost/mgmt/shared/authz/tokens/" + token.value());
        return node;
    }
}
