package net.gatehouse.mgmt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.gatehouse.appliance.Appliance;
import net.gatehouse.appliance.auth.RoleAuthorizer;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.syntax.IcontrolJson;
import net.gatehouse.appliance.tmsh.PingArguments;
import net.gatehouse.appliance.tmsh.TmshError;
import net.gatehouse.appliance.tmsh.UtilPing;
import net.gatehouse.appliance.ucs.UcsArchives;
import net.gatehouse.appliance.ucs.UcsError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /mgmt/tm/util/bash} runs tmsh commands ({@code -c 'tmsh -c "cmd; cmd"'}) in Gatehouse's own
 * tmsh, as the caller, and answers what tmsh printed as {@code commandResult} (a tmsh error too, as
 * BIG-IP's bash would print it); anything else is refused, there being no system shell, except the
 * read-only facts F5's clients ask bash for: {@code cat /VERSION} and {@code cat /proc/uptime}
 * ({@code bigip_device_info}), {@code runlevel} (3: up, not rebooting) and whether the {@code mprov}
 * or {@code vcmpd} daemons run (they do not: nothing to provision, no vCMP) for {@code bigip_wait}.
 * {@code /mgmt/tm/util/ping} runs the system's ping with checked arguments.
 * {@code /mgmt/tm/util/unix-rm} removes a file from the upload folder and nowhere else;
 * {@code /mgmt/tm/util/unix-mv} moves an uploaded UCS archive into {@code /var/local/ucs/}, or an upload
 * into {@code /tmp/} (where {@code bigip_config} merges it from), and does nothing else.
 */
@Path("/mgmt/tm/util")
@Produces(MediaType.APPLICATION_JSON)
public final class UtilResource {

    private static final Logger LOG = LoggerFactory.getLogger(UtilResource.class);

    private final Appliance appliance;
    private final Uploads uploads;
    private final UtilPing ping = UtilPing.onSystemPath();

    UtilResource(Appliance appliance, Uploads uploads) {
        this.appliance = appliance;
        this.uploads = uploads;
    }

    @POST
    @Path("bash")
    public String bash(String body, @Context SecurityContext caller) {
        JsonNode request = run(body, "bash");
        String args = request.path("utilCmdArgs").asText("");
        Optional<String> fact = fact(args);
        if (fact.isPresent()) {
            return answer("bash", request, fact.get());
        }
        String line = BashCommand.tmshLine(args).orElseThrow(() -> new RestError(400, "util/bash on this appliance"
                + " runs only tmsh (-c 'tmsh -c \"command; command\"'); refused: " + args));
        Principal principal = new Principal(caller.getUserPrincipal().getName(), Principal.Origin.REST);
        StringBuilder output = new StringBuilder();
        try {
            appliance.tmsh(principal).execute(line, output::append);
        } catch (TmshError e) {
            LOG.info("util/bash for {}: tmsh refused \"{}\": {}", principal.user(), line, e.getMessage());
            output.append(e.getMessage()).append('\n');
        }
        return answer("bash", request, output.toString());
    }

    /**
     * {@code /mgmt/tm/util/ping}: {@code "utilCmdArgs": "-c 2 192.0.2.1"} runs the system's ping as
     * {@code run util ping} does and answers its output as {@code commandResult}, followed by the
     * error when it got no reply or failed; arguments it does not take are refused with 400, naming them.
     */
    @POST
    @Path("ping")
    public String ping(String body) {
        JsonNode request = run(body, "ping");
        List<String> words = Arrays.stream(request.path("utilCmdArgs").asText("").strip().split("\\s+"))
                .filter(word -> !word.isEmpty()).toList();
        PingArguments arguments;
        try {
            arguments = PingArguments.parse(words);
        } catch (TmshError e) {
            throw new RestError(400, e.getMessage());
        }
        StringBuilder output = new StringBuilder();
        try {
            ping.run(arguments, output::append);
        } catch (TmshError e) {
            output.append(e.getMessage()).append('\n');
        }
        return answer("ping", request, output.toString());
    }

    /**
     * The facts F5's clients ask bash for, answered from the appliance itself: {@code /VERSION} and
     * {@code /proc/uptime} (its version, its process uptime), {@code runlevel} (multi-user, never
     * rebooting under a client) and the {@code mprov}/{@code vcmpd} probes of {@code bigip_wait}
     * (no such daemon runs here: grep finds nothing, so there is no output).
     */
    private static Optional<String> fact(String args) {
        return switch (args.strip()) {
            case "-c \"cat /VERSION\"", "-c 'cat /VERSION'" -> Optional.of(SystemInfo.versionFile());
            case "-c \"cat /proc/uptime\"", "-c 'cat /proc/uptime'" -> Optional.of(String.format(Locale.ROOT,
                    "%.2f 0.00%n", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0));
            case "-c \"runlevel\"" -> Optional.of("N 3\n");
            case "-c \"ps aux | grep '[m]prov'\"", "-c \"ps aux | grep '[v]cmpd'\"" -> Optional.of("");
            default -> Optional.empty();
        };
    }

    @POST
    @Path("unix-rm")
    public String unixRm(String body) {
        JsonNode request = run(body, "unix-rm");
        String path = request.path("utilCmdArgs").asText("").strip();
        String output = uploads.remove(path) ? "" : "rm: cannot remove '" + path + "': No such file or directory\n";
        return answer("unix-rm", request, output);
    }

    /**
     * {@code "utilCmdArgs": "/var/config/rest/downloads/NAME.ucs /var/local/ucs/NAME.ucs"}: how
     * {@code bigip_ucs} places an archive it uploaded (into the UCS folder, the target may be the folder
     * itself, as an administrator); {@code "/var/config/rest/downloads/NAME /tmp/NAME"}: how
     * {@code bigip_config} places the configuration it merges. Only those moves are possible.
     */
    @POST
    @Path("unix-mv")
    public String unixMv(String body, @Context SecurityContext caller) {
        JsonNode request = run(body, "unix-mv");
        String args = request.path("utilCmdArgs").asText("").strip();
        List<String> paths = Arrays.stream(args.split("\\s+")).filter(word -> !word.isEmpty()).toList();
        String refused = "unix-mv on this appliance moves only an upload from " + Uploads.REMOTE_FOLDER
                + " into " + Uploads.TMP_FOLDER + ", or an uploaded UCS archive into " + UcsArchives.BIGIP_DIRECTORY
                + "; refused: " + args;
        if (paths.size() != 2 || paths.get(0).startsWith("-")) {
            throw new RestError(400, refused);
        }
        Optional<java.nio.file.Path> source;
        try {
            source = uploads.resolve(paths.get(0));
        } catch (RestError e) {
            throw new RestError(400, refused + " (" + e.getMessage() + ")");
        }
        java.nio.file.Path upload = source.orElseThrow(() -> new RestError(400, refused));
        String target = paths.get(1);
        boolean toTmp = target.startsWith(Uploads.TMP_FOLDER);
        if (!toTmp && (target.equals(UcsArchives.BIGIP_DIRECTORY) || (target + "/").equals(UcsArchives.BIGIP_DIRECTORY))) {
            target = UcsArchives.BIGIP_DIRECTORY + upload.getFileName();
        } else if (!toTmp && !target.startsWith(UcsArchives.BIGIP_DIRECTORY)) {
            throw new RestError(400, refused);
        }
        if (!Files.isRegularFile(upload)) {
            return answer("unix-mv", request, "mv: cannot stat '" + paths.get(0) + "': No such file or directory\n");
        }
        if (toTmp) {
            uploads.moveToTmp(upload, target);
            return answer("unix-mv", request, "");
        }
        Principal principal = new Principal(caller.getUserPrincipal().getName(), Principal.Origin.REST);
        try {
            appliance.ucs().receive(principal, upload, target);
        } catch (UcsError e) {
            if (e.getMessage().startsWith(RoleAuthorizer.ACCESS_DENIED)) {
                throw new RestError(403, e.getMessage());
            }
            throw new RestError(400, "unix-mv refused: " + e.getMessage());
        }
        return answer("unix-mv", request, "");
    }

    private static JsonNode run(String body, String utility) {
        JsonNode request = Json.parse(body);
        if (!request.path("command").asText("").equals("run")) {
            throw new RestError(400, "util/" + utility + " takes \"command\": \"run\".");
        }
        return request;
    }

    private static String answer(String utility, JsonNode request, String output) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("kind", "tm:util:" + utility + ":runstate");
        node.put("command", "run");
        node.put("utilCmdArgs", request.path("utilCmdArgs").asText(""));
        if (!output.isEmpty()) {
            node.put("commandResult", output);
        }
        node.put("selfLink", "https://localhost/mgmt/tm/util/" + utility + "?ver=" + IcontrolJson.VERSION);
        return node.toString();
    }
}
