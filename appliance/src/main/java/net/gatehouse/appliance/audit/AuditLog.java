package net.gatehouse.appliance.audit;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import net.gatehouse.appliance.auth.UserRoles;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.store.ConfigStore;

/**
 * The audit log ({@code show sys log audit}, REST {@code /mgmt/tm/sys/log/audit/stats}): every
 * committed change and every refused one, in tmsh words, with the user, the interface and the result,
 * one line per command as BIG-IP writes {@code /var/log/audit}:
 *
 * <pre>Nov 29 08:00:00 bigip1 notice tmsh[4242]: 01420002:5: AUDIT - pid=4242 user=admin folder=/Common module=(tmos)# status=[Command OK] cmd_data=create ltm pool /Common/web</pre>
 *
 * Changes made over REST are logged by {@code icrd_child}, as BIG-IP's are. Commits come from the
 * store's commit log and refusals from its refusal table, so the log survives restarts. Passwords
 * never appear: the command service writes them as {@code ********}.
 */
public final class AuditLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ROOT);
    private static final String OK = "Command OK";

    /** One audited command. */
    public record Entry(long epochMillis, String user, String origin, String status, String command) {
    }

    private final ConfigStore store;
    private final Supplier<Snapshot> snapshot;
    private final ZoneId zone;
    private final long pid;

    /** @param pid the process id lines carry, as syslog lines do */
    public AuditLog(ConfigStore store, Supplier<Snapshot> snapshot, ZoneId zone, long pid) {
        this.store = store;
        this.snapshot = snapshot;
        this.zone = zone;
        this.pid = pid;
    }

    /** The last {@code lines} audited commands, oldest first. */
    public List<Entry> last(int lines) {
        List<Entry> entries = new ArrayList<>();
        for (ConfigStore.Commit commit : store.log(1, Integer.MAX_VALUE)) {
            for (String command : commit.tmsh().split("\n")) {
                if (!command.isBlank()) {
                    entries.add(new Entry(commit.epochMillis(), commit.principal(), commit.origin(), OK, command));
                }
            }
        }
        for (ConfigStore.Refusal refusal : store.refusals(0, Integer.MAX_VALUE)) {
            for (String command : refusal.tmsh().split("\n")) {
                if (!command.isBlank()) {
                    entries.add(new Entry(refusal.epochMillis(), refusal.principal(), refusal.origin(),
                            refusal.status(), command));
                }
            }
        }
        entries.sort(Comparator.comparingLong(Entry::epochMillis));
        return List.copyOf(entries.subList(Math.max(0, entries.size() - lines), entries.size()));
    }

    /**
     * The last {@code lines} lines of the log as text, for a principal who may read logs (admin,
     * resource-admin, auditor); others are refused as mcpd refuses them.
     */
    public String read(Principal principal, int lines) throws ConfigError {
        boolean trusted = principal.origin() == Principal.Origin.BOOT || principal.origin() == Principal.Origin.HA;
        if (!trusted && !UserRoles.of(snapshot.get(), principal.user()).system().readsLogs()) {
            throw new ConfigError("01070822", "Access Denied: user (" + principal.user()
                    + ") does not have read access to object (audit_log)");
        }
        String host = hostname();
        StringBuilder text = new StringBuilder();
        for (Entry entry : last(lines)) {
            text.append(line(entry, host)).append('\n');
        }
        return text.toString();
    }

    private String line(Entry entry, String host) {
        String process = entry.origin().equals(Principal.Origin.REST.name()) ? "icrd_child"
                : entry.origin().equals(Principal.Origin.BOOT.name()) || entry.origin().equals(Principal.Origin.HA.name())
                        ? "mcpd" : "tmsh";
        return TIME.format(Instant.ofEpochMilli(entry.epochMillis()).atZone(zone)) + " " + host + " notice " + process
                + "[" + pid + "]: 01420002:5: AUDIT - pid=" + pid + " user=" + entry.user()
                + " folder=/Common module=(tmos)# status=[" + entry.status() + "] cmd_data=" + entry.command();
    }

    private String hostname() {
        Snapshot config = snapshot.get();
        return config.schema().type("sys global-settings").flatMap(t -> config.get(t, t.singletonName()))
                .flatMap(o -> o.body().text("hostname")).orElse("bigip1");
    }
}
