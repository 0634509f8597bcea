package net.gatehouse.mgmt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import net.gatehouse.appliance.Appliance;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.syntax.IcontrolJson;

/**
 * {@code /mgmt/tm/transaction}: start a transaction (POST), list the caller's (GET), look at one and
 * its commands, delete one, and commit one with {@code PATCH {"state": "VALIDATING"}}: its commands
 * run as one batch through the command service, all or nothing ({@code "validateOnly": true} only
 * validates). A refused commit answers 400 ({@code "transaction failed:<reason>"}), leaves the
 * configuration unchanged and the transaction {@code FAILED}.
 */
@Path("/mgmt/tm/transaction")
@Produces(MediaType.APPLICATION_JSON)
public final class TransactionResource {

    private final Appliance appliance;
    private final Transactions transactions;

    TransactionResource(Appliance appliance, Transactions transactions) {
        this.appliance = appliance;
        this.transactions = transactions;
    }

    @POST
    public String start(@Context SecurityContext caller) {
        return Transactions.json(transactions.start(user(caller))).toString();
    }

    @GET
    public String list(@Context SecurityContext caller) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("kind", "tm:transactioncollectionstate");
        node.put("selfLink", "https://localhost/mgmt/tm/transaction?ver=" + IcontrolJson.VERSION);
        ArrayNode items = node.putArray("items");
        transactions.all(user(caller)).forEach(t -> items.add(Transactions.json(t)));
        return node.toString();
    }

    @GET
    @Path("{id}")
    public String get(@PathParam("id") String id, @Context SecurityContext caller) {
        return Transactions.json(transactions.get(user(caller), id)).toString();
    }

    @GET
    @Path("{id}/commands")
    public String commands(@PathParam("id") String id, @Context SecurityContext caller) {
        Transactions.Transaction transaction = transactions.get(user(caller), id);
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("kind", "tm:transaction:commandscollectionstate");
        node.put("selfLink", "https://localhost/mgmt/tm/transaction/" + transaction.id() + "/commands?ver="
                + IcontrolJson.VERSION);
        ArrayNode items = node.putArray("items");
        transactions.commandsJson(transaction).forEach(items::add);
        return node.toString();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @Context SecurityContext caller) {
        transactions.delete(user(caller), id);
        return Response.ok().build();
    }

    @PATCH
    @Path("{id}")
    public String commit(@PathParam("id") String id, String body, @Context SecurityContext caller) {
        JsonNode request = Json.parse(body);
        String state = request.path("state").asText("");
        if (!state.equals("VALIDATING")) {
            throw new RestError(400, "Transaction " + id + ": \"state\" must be \"VALIDATING\" to commit, not \""
                    + state + "\".");
        }
        boolean validateOnly = request.path("validateOnly").asBoolean(false);
        Transactions.Transaction transaction = transactions.validating(user(caller), id, validateOnly);
        Principal principal = new Principal(user(caller), Principal.Origin.REST);
        try {
            if (validateOnly) {
                appliance.commands().verify(principal, transaction.commands());
            } else {
                appliance.commands().execute(principal, transaction.commands());
            }
        } catch (ConfigError e) {
            transactions.finished(transaction, e.getMessage());
            throw new RestError(400, "transaction failed:" + e.getMessage());
        }
        transactions.finished(transaction, null);
        return Transactions.json(transaction).toString();
    }

    private static String user(SecurityContext caller) {
        return caller.getUserPrincipal().getName();
    }
}
