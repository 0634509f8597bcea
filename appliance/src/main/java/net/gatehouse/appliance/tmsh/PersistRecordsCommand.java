package net.gatehouse.appliance.tmsh;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import net.gatehouse.appliance.persist.PersistMode;
import net.gatehouse.appliance.persist.PersistRecord;
import net.gatehouse.appliance.persist.PersistTable;
import net.gatehouse.appliance.schema.Paths;
import net.gatehouse.appliance.syntax.Token;

/**
 * {@code show ltm persistence persist-records [filters]} and {@code delete ltm persistence
 * persist-records [filters]}, with BIG-IP's filters: {@code client-addr}, {@code key},
 * {@code mode}, {@code node-addr}, {@code node-port}, {@code pool} and {@code virtual}. They read
 * and act on the data plane's record table, not on the configuration.
 */
final class PersistRecordsCommand {

    private static final List<String> FILTERS = List.of("client-addr", "key", "mode", "node-addr", "node-port",
            "pool", "virtual");

    private final PersistTable table;
    private final String folder;

    PersistRecordsCommand(PersistTable table, String folder) {
        this.table = table;
        this.folder = folder;
    }

    /** {@code show|delete ltm persistence persist-records ...}. */
    static boolean handles(List<Token> words) {
        return words.size() >= 4 && (words.get(0).is("show") || words.get(0).is("delete"))
                && words.get(1).is("ltm") && words.get(2).is("persistence") && words.get(3).is("persist-records");
    }

    String run(List<Token> words) throws TmshError {
        Predicate<PersistRecord> which = filter(words.subList(4, words.size()));
        if (words.get(0).is("delete")) {
            table.delete(which);
            return "";
        }
        List<PersistRecord> shown = table.list().stream().filter(which).toList();
        StringBuilder out = new StringBuilder("Sys::Persistent Connections\n");
        for (PersistRecord record : shown) {
            out.append(String.join("  ", record.mode().word(), record.key(), record.virtualAddress(),
                    destination(record.nodeAddress(), record.nodePort()), "(tmm: 0)")).append('\n');
        }
        return out.append("Total records returned: ").append(shown.size()).append('\n').toString();
    }

    private static String destination(String address, int port) {
        return address + (address.contains(":") ? "." : ":") + port;
    }

    private Predicate<PersistRecord> filter(List<Token> options) throws TmshError {
        List<Predicate<PersistRecord>> tests = new ArrayList<>();
        for (int i = 0; i < options.size(); i += 2) {
            String option = options.get(i).text();
            if (!FILTERS.contains(option)) {
                throw new TmshError("Syntax Error: \"" + option + "\" unknown property (persist-records filters are "
                        + String.join(", ", FILTERS) + ")");
            }
            if (i + 1 >= options.size()) {
                throw new TmshError("Syntax Error: \"" + option + "\" requires a value");
            }
            String value = options.get(i + 1).text();
            tests.add(switch (option) {
                case "client-addr" -> {
                    InetAddress address = address(option, value);
                    yield r -> address(r.client()).equals(address);
                }
                case "node-addr" -> {
                    InetAddress address = address(option, value);
                    yield r -> address(r.nodeAddress()).equals(address);
                }
                case "node-port" -> {
                    int port = port(value);
                    yield r -> r.nodePort() == port;
                }
                case "mode" -> {
                    PersistMode mode = PersistMode.ofWord(value).orElseThrow(() -> new TmshError(
                            "Syntax Error: \"" + value + "\" invalid mode (one of " + String.join(", ",
                                    Arrays.stream(PersistMode.values()).map(PersistMode::word).toList()) + ")"));
                    yield r -> r.mode() == mode;
                }
                case "key" -> r -> r.key().equals(value);
                case "pool" -> {
                    String path = path(value);
                    yield r -> r.pool().equals(path);
                }
                default -> {
                    String path = path(value);
                    yield r -> r.virtual().equals(path);
                }
            });
        }
        return r -> tests.stream().allMatch(t -> t.test(r));
    }

    private String path(String name) {
        return name.startsWith("/") ? name : Paths.join(folder, name);
    }

    private static int port(String value) throws TmshError {
        if (!value.matches("\\d{1,5}") || Integer.parseInt(value) > 65535) {
            throw new TmshError("Syntax Error: node-port \"" + value + "\" is not a port (0 to 65535)");
        }
        return Integer.parseInt(value);
    }

    private static InetAddress address(String option, String value) throws TmshError {
        if (!value.matches("[0-9a-fA-F:.]+")) {
            throw new TmshError("Syntax Error: " + option + " \"" + value + "\" is not an IP address");
        }
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw new TmshError("Syntax Error: " + option + " \"" + value + "\" is not an IP address");
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a persistence record holds a bad address: " + literal, e);
        }
    }
}
