package net.gatehouse.mgmt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import net.gatehouse.appliance.Appliance;
import net.gatehouse.appliance.command.Command;
import net.gatehouse.appliance.command.CommandService;
import net.gatehouse.appliance.command.ErrorCatalog;
import net.gatehouse.appliance.command.PolicyDrafts;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Edit;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.crypto.CertificateDetails;
import net.gatehouse.appliance.datagroup.DataGroupImports;
import net.gatehouse.appliance.runtime.HealthView;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.NameContext;
import net.gatehouse.appliance.schema.Paths;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.Shape;
import net.gatehouse.appliance.syntax.IcontrolJson;

/**
 * {@code /mgmt/tm/...}: every component of the schema, generically. Resources only translate: the
 * URI names a target ({@link TmTarget}), {@link IcontrolJson} writes and reads the JSON, and every
 * change is a {@link Command} executed by the command service with the caller as principal.
 *
 * <p>POST creates (409 when the name is taken), PUT replaces an existing object whole (properties
 * left out return to their defaults), PATCH changes only the properties given, DELETE removes. On
 * a subcollection ({@code .../members}) POST adds an item and PATCH, PUT and DELETE act on one.
 */
@Path("/mgmt/tm")
@Produces(MediaType.APPLICATION_JSON)
public final class TmResource {

    private static final String HOST = "localhost";
    private static final List<String> AUDIT_LOG = List.of("sys/log/audit", "sys/log/audit/stats");
    private static final int AUDIT_LINES = 1000;

    /** The header that adds a request to a transaction instead of running it. */
    static final String COORDINATION = "X-F5-REST-Coordination-Id";

    private final Appliance appliance;
    private final SystemInfo system;
    private final Transactions transactions;
    private final SslImports sslImports;

    TmResource(Appliance appliance, SystemInfo system, Transactions transactions, SslImports sslImports) {
        this.appliance = appliance;
        this.system = system;
        this.transactions = transactions;
        this.sslImports = sslImports;
    }

    /** One changing request: who sent it, its transaction if any, and what it said (for the transaction's record). */
    private record Call(SecurityContext caller, Optional<String> transaction, String method, String uri, JsonNode body) {
        Principal principal() {
            return TmResource.principal(caller);
        }
    }

    private static Call call(SecurityContext caller, String coordination, String method, UriInfo uri, JsonNode body) {
        return new Call(caller, Optional.ofNullable(coordination).filter(c -> !c.isBlank()), method,
                "https://localhost" + uri.getAbsolutePath().getRawPath(), body);
    }

    @GET
    @Path("{path: .*}")
    public String get(@PathParam("path") String path, @Context UriInfo uri, @Context SecurityContext caller) {
        Queries queries = Queries.of(uri.getQueryParameters());
        if (AUDIT_LOG.contains(path.replaceAll("^/+|/+$", ""))) {
            return auditLog(principal(caller)).toString();
        }
        Optional<ObjectNode> fixed = system.get(path);
        if (fixed.isPresent()) {
            ObjectNode node = fixed.get();
            return (node.has("items") ? queries.apply(node, base(node)) : queries.selected(node)).toString();
        }
        Snapshot snapshot = appliance.commands().readable(principal(caller));
        if (path.replaceAll("^/+|/+$", "").equals(PersistRecordsJson.PATH)) {
            return PersistRecordsJson.write(appliance.dataPlane().persistence().list()).toString();
        }
        if (path.endsWith("/stats")) {
            Optional<ObjectNode> stats = new StatsJson(appliance.dataPlane(), snapshot).get(path);
            if (stats.isPresent()) {
                return stats.get().toString();
            }
        }
        IcontrolJson json = json(snapshot);
        TmTarget target = target(path);
        if (target instanceof TmTarget.Listing listing) {
            return listing(snapshot, listing.words()).toString();
        }
        if (target instanceof TmTarget.Collection collection) {
            ObjectNode node = json.writeCollection(collection.type(),
                    List.copyOf(snapshot.all(collection.type())), queries.expand());
            return queries.apply(node, base(node)).toString();
        }
        if (target instanceof TmTarget.Object object) {
            return queries.selected(json.write(existing(snapshot, object.type(), object.fullPath()),
                    queries.expand())).toString();
        }
        if (target instanceof TmTarget.Subcollection sub) {
            ObjectNode node = json.writeSubcollection(existing(snapshot, sub.type(), sub.fullPath()), sub.property(),
                    queries.expand());
            return queries.apply(node, base(node)).toString();
        }
        TmTarget.Item item = (TmTarget.Item) target;
        ConfigObject owner = existing(snapshot, item.type(), item.fullPath());
        String name = itemName(item, snapshot);
        return queries.selected(json.writeSubcollectionItem(owner, item.property(), name, queries.expand())
                .orElseThrow(() -> RestError.of(itemNotFound(item, name)))).toString();
    }

    @POST
    @Path("{path: .*}")
    public String post(@PathParam("path") String path, String body, @Context SecurityContext caller,
            @HeaderParam(COORDINATION) String coordination, @Context UriInfo uri) {
        Call call = call(caller, coordination, "POST", uri, Json.parse(body));
        TmTarget target = target(path);
        Snapshot snapshot = appliance.snapshot();
        if (target instanceof TmTarget.Collection collection) {
            ComponentType type = collection.type();
            String fullPath = IcontrolJson.fullPath(call.body(), type).orElseThrow(() -> new RestError(400,
                    "Configuration error: the name of the " + type.label() + " is required."));
            if (SslImports.isImport(type, call.body())) {
                return imported(call, type, fullPath);
            }
            if (SslImports.isInstall(type, call.body())) {
                return installed(call, type, fullPath);
            }
            if (type.path().equals("ltm policy") && call.body().path("command").asText("").equals("publish")) {
                return published(call, type, fullPath);
            }
            if (type.path().equals("cm device") && call.body().path("command").asText("").equals("mv")) {
                return renamed(call, fullPath);
            }
            List<Edit> edits = read(() -> IcontrolJson.read(type, call.body(), names(snapshot, type, fullPath)));
            return run(call, imported(call, new Command.Create(type, fullPath, edits)),
                    after -> json(after).write(existing(after, type, fullPath), false).toString());
        }
        if (target instanceof TmTarget.Subcollection sub) {
            if (call.transaction().isEmpty()) {
                existing(snapshot, sub.type(), sub.fullPath());
            }
            Edit.ItemEdit item = read(() -> IcontrolJson.readItem(sub.type(), sub.property(), Optional.empty(),
                    call.body(), names(snapshot, sub.type(), sub.fullPath())));
            return run(call, new Command.Modify(sub.type(), sub.fullPath(), List.of(
                    new Edit.Collection(sub.property().name(), Edit.Operation.ADD, List.of(item)))),
                    after -> writeItem(after, sub.type(), sub.fullPath(), sub.property(), item.name()));
        }
        throw new RestError(405, "POST is for a collection; /mgmt/tm/" + path + " is not one.");
    }

    @PUT
    @Path("{path: .*}")
    public String put(@PathParam("path") String path, String body, @Context SecurityContext caller,
            @HeaderParam(COORDINATION) String coordination, @Context UriInfo uri) {
        return change(path, call(caller, coordination, "PUT", uri, Json.parse(body)), true);
    }

    @PATCH
    @Path("{path: .*}")
    public String patch(@PathParam("path") String path, String body, @Context SecurityContext caller,
            @HeaderParam(COORDINATION) String coordination, @Context UriInfo uri) {
        Call call = call(caller, coordination, "PATCH", uri, Json.parse(body));
        Optional<ObjectNode> provisioned = system.provision(path, call.body());
        if (provisioned.isPresent()) {
            return provisioned.get().toString();
        }
        return change(path, call, false);
    }

    @DELETE
    @Path("{path: .*}")
    public Response delete(@PathParam("path") String path, @Context SecurityContext caller,
            @HeaderParam(COORDINATION) String coordination, @Context UriInfo uri) {
        Call call = call(caller, coordination, "DELETE", uri, Json.parse(null));
        TmTarget target = target(path);
        Snapshot snapshot = appliance.snapshot();
        String answer;
        if (target instanceof TmTarget.Object object) {
            answer = run(call, new Command.Delete(object.type(), object.fullPath()), after -> "");
        } else if (target instanceof TmTarget.Item item) {
            if (call.transaction().isEmpty()) {
                existing(snapshot, item.type(), item.fullPath());
            }
            String name = itemName(item, snapshot);
            answer = run(call, new Command.Modify(item.type(), item.fullPath(), List.of(new Edit.Collection(
                    item.property().name(), Edit.Operation.DELETE, List.of(new Edit.ItemEdit(name, List.of()))))),
                    after -> "");
        } else {
            throw new RestError(405, "DELETE is for one object; /mgmt/tm/" + path + " is not one.");
        }
        return answer.isEmpty() ? Response.ok().build() : Response.ok(answer).build();
    }

    private String change(String path, Call call, boolean replace) {
        TmTarget target = target(path);
        Snapshot snapshot = appliance.snapshot();
        String method = replace ? "PUT" : "PATCH";
        if (target instanceof TmTarget.Object object) {
            ComponentType type = object.type();
            if (call.transaction().isEmpty()) {
                existing(snapshot, type, object.fullPath());
            }
            if (SslImports.isImport(type, call.body())) {
                return imported(call, type, object.fullPath());
            }
            if (!replace && type.path().equals("ltm policy") && call.body().path("createDraft").asBoolean(false)) {
                return drafted(call, type, object.fullPath());
            }
            List<Edit> edits = read(() -> IcontrolJson.read(type, call.body(), names(snapshot, type, object.fullPath())));
            Command command = imported(call, replace ? new Command.Replace(type, object.fullPath(), edits)
                    : new Command.Modify(type, object.fullPath(), edits));
            return run(call, command, after ->
                    json(after).write(existing(after, type, object.fullPath()), false).toString());
        }
        if (target instanceof TmTarget.Item item) {
            if (call.transaction().isEmpty()) {
                existing(snapshot, item.type(), item.fullPath());
            }
            String name = itemName(item, snapshot);
            Edit.ItemEdit edit = read(() -> IcontrolJson.readItem(item.type(), item.property(), Optional.of(name),
                    call.body(), names(snapshot, item.type(), item.fullPath())));
            String property = item.property().name();
            List<Edit> edits = replace
                    ? List.of(new Edit.Collection(property, Edit.Operation.DELETE, List.of(edit)),
                            new Edit.Collection(property, Edit.Operation.ADD, List.of(edit)))
                    : List.of(new Edit.Collection(property, Edit.Operation.MODIFY, List.of(edit)));
            return run(call, new Command.Modify(item.type(), item.fullPath(), edits),
                    after -> writeItem(after, item.type(), item.fullPath(), item.property(), edit.name()));
        }
        throw new RestError(405, method + " is for one object; /mgmt/tm/" + path
                + " is not one.");
    }

    private TmTarget target(String path) {
        return TmTarget.parse(appliance.snapshot().schema(), path)
                .orElseThrow(() -> ErrorMappers.notRegistered("/mgmt/tm/" + path));
    }

    /**
     * Runs a command now and answers from the configuration after it, or, in a transaction, adds it
     * there and answers with the transaction's record of it.
     */
    private String run(Call call, Command command, Function<Snapshot, String> answer) {
        if (call.transaction().isPresent()) {
            return transactions.add(call.principal().user(), call.transaction().get(), call.method(), call.uri(),
                    call.body(), command).toString();
        }
        CommandService commands = appliance.commands();
        try {
            return answer.apply(commands.execute(call.principal(), List.of(command)).snapshot());
        } catch (ConfigError e) {
            throw RestError.of(e);
        }
    }

    /**
     * {@code POST /mgmt/tm/cm/device {"command": "mv", "name": old, "target": new}}, as bigip_hostname sends it
     * after changing the host name. This appliance's device is named after its host name, so the rename is
     * already done when the target is the host name; any other name is refused.
     */
    private String renamed(Call call, String device) {
        String target = call.body().path("target").asText();
        String hostname = SystemInfo.hostname(appliance.snapshot());
        if (!target.equals(hostname)) {
            throw new RestError(400, "Configuration error: renaming device (" + device + ") to " + target
                    + " is not supported: this appliance's device is named after its host name (" + hostname
                    + "); change sys global-settings hostname instead.");
        }
        ObjectNode devices = system.get("cm/device").orElseThrow();
        return devices.path("items").get(0).toString();
    }

    /** {@code POST /mgmt/tm/ltm/policy {"command": "publish", "name": "/Common/Drafts/p"}}: answers the published policy. */
    private String published(Call call, ComponentType type, String draft) {
        if (call.transaction().isPresent()) {
            throw new RestError(400, "Configuration error: publishing policy (" + draft
                    + ") cannot be part of a transaction.");
        }
        try {
            Snapshot after = appliance.commands().execute(call.principal(),
                    PolicyDrafts.publish(appliance.snapshot(), draft)).snapshot();
            return json(after).write(existing(after, type, PolicyDrafts.publishedPath(draft)), false)
                    .toString();
        } catch (ConfigError e) {
            throw RestError.of(e);
        }
    }

    /** {@code PATCH /mgmt/tm/ltm/policy/~Common~p {"createDraft": true}}: answers the new draft. */
    private String drafted(Call call, ComponentType type, String published) {
        try {
            return run(call, PolicyDrafts.draft(appliance.snapshot(), published), after -> json(after)
                    .write(existing(after, type, PolicyDrafts.draftPath(published)), false).toString());
        } catch (ConfigError e) {
            throw RestError.of(e);
        }
    }

    /**
     * An ssl-cert or ssl-key import: the material is installed at once (it cannot wait for a
     * transaction), then any other properties of the request are applied.
     */
    private String imported(Call call, ComponentType type, String fullPath) {
        if (call.transaction().isPresent()) {
            throw new RestError(400, "Configuration error: importing " + type.label().toLowerCase() + " (" + fullPath
                    + ") from a sourcePath cannot be part of a transaction.");
        }
        JsonNode rest = sslImports.install(call.principal(), type, fullPath, call.body());
        Snapshot installed = appliance.snapshot();
        List<Edit> edits = read(() -> IcontrolJson.read(type, rest, names(installed, type, fullPath)));
        if (edits.isEmpty()) {
            return json(installed).write(existing(installed, type, fullPath), false).toString();
        }
        return run(call, new Command.Modify(type, fullPath, edits),
                after -> json(after).write(existing(after, type, fullPath), false).toString());
    }

    /** {@code POST /mgmt/tm/sys/crypto/key|cert {"command": "install", ...}}: installed at once, as tmsh's install. */
    private String installed(Call call, ComponentType type, String fullPath) {
        if (call.transaction().isPresent()) {
            throw new RestError(400, "Configuration error: installing " + type.label().toLowerCase() + " (" + fullPath
                    + ") from a file cannot be part of a transaction.");
        }
        return sslImports.installCommand(call.principal(), type, fullPath, call.body()).toString();
    }

    /** A data group file's {@code sourcePath} imported, as tmsh imports it ({@link DataGroupImports}). */
    private Command imported(Call call, Command command) {
        return DataGroupImports.isImport(command)
                ? read(() -> appliance.dataGroupFiles().imported(call.principal(), command)) : command;
    }

    private static Principal principal(SecurityContext caller) {
        return new Principal(caller.getUserPrincipal().getName(), Principal.Origin.REST);
    }

    /**
     * {@code show sys log audit} over REST, as BIG-IP answers a {@code show}: the text in
     * {@code apiRawValues.apiAnonymous}.
     */
    private ObjectNode auditLog(Principal principal) {
        String text;
        try {
            text = appliance.audit().read(principal, AUDIT_LINES);
        } catch (ConfigError e) {
            throw RestError.of(e);
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("kind", "tm:sys:log:audit:auditstats");
        node.put("selfLink", "https://localhost/mgmt/tm/sys/log/audit/stats?ver=" + IcontrolJson.VERSION);
        node.putObject("apiRawValues").put("apiAnonymous", text);
        return node;
    }

    /** REST's writer: objects as BIG-IP returns them, with the details read from certificates. */
    private IcontrolJson json(Snapshot snapshot) {
        return new IcontrolJson(snapshot, HOST, HealthView.unchecked(), new CertificateDetails(appliance.crypto()));
    }

    private static ConfigObject existing(Snapshot snapshot, ComponentType type, String fullPath) {
        return snapshot.get(type, fullPath)
                .orElseThrow(() -> RestError.of(ErrorCatalog.notFound(type.label(), fullPath)));
    }

    private static String writeItem(Snapshot after, ComponentType type, String fullPath, Property property,
            String name) {
        ConfigObject owner = existing(after, type, fullPath);
        return new IcontrolJson(after, HOST).writeSubcollectionItem(owner, property, name, false)
                .orElseThrow(() -> new IllegalStateException("the item " + name + " of " + fullPath
                        + " is missing right after its commit")).toString();
    }

    private static String itemName(TmTarget.Item item, Snapshot snapshot) {
        Shape.Collection collection = (Shape.Collection) item.property().shape();
        return read(() -> IcontrolJson.canonicalItem(item.property(), collection.naming(), item.item(),
                names(snapshot, item.type(), item.fullPath())));
    }

    private static ConfigError itemNotFound(TmTarget.Item item, String name) {
        return ErrorCatalog.notFound(item.type().label() + " " + item.property().restName() + " item",
                item.fullPath() + " " + name);
    }

    /** Names in a body resolve as tmsh resolves them from the object's partition. */
    private static NameContext names(Snapshot snapshot, ComponentType type, String fullPath) {
        return snapshot.names(type.partitioned() ? "/" + Paths.partition(fullPath) : Paths.COMMON);
    }

    private ObjectNode listing(Snapshot snapshot, List<String> words) {
        String prefix = String.join(" ", words) + " ";
        TreeSet<String> next = new TreeSet<>(system.extraComponents(words));
        for (ComponentType type : snapshot.schema().types()) {
            if (type.path().startsWith(prefix)) {
                next.add(type.path().substring(prefix.length()).split(" ")[0]);
            }
        }
        return SystemInfo.listing(words, new ArrayList<>(next));
    }

    private static String base(ObjectNode collection) {
        String self = collection.path("selfLink").asText();
        int query = self.indexOf('?');
        return query < 0 ? self : self.substring(0, query);
    }

    /** A read that may refuse the body, as a 400 in BIG-IP's words. */
    private interface Read<T> {
        T get() throws ConfigError;
    }

    private static <T> T read(Read<T> read) {
        try {
            return read.get();
        } catch (ConfigError e) {
            throw RestError.of(e);
        }
    }
}
