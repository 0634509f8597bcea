package net.gatehouse.appliance.schema;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The service names tmsh accepts for ports and shows in {@code list} ({@code 10.0.0.1:http}). */
public final class Services {

    private static final Map<String, Integer> BY_NAME = new TreeMap<>();
    private static final Map<Integer, String> BY_PORT = new TreeMap<>();

    static {
        define("any", 0);
        define("ftp-data", 20);
        define("ftp", 21);
        define("ssh", 22);
        define("telnet", 23);
        define("smtp", 25);
        define("domain", 53);
        define("tftp", 69);
        define("gopher", 70);
        define("finger", 79);
        define("http", 80);
        define("kerberos", 88);
        define("pop3", 110);
        define("sunrpc", 111);
        define("nntp", 119);
        define("ntp", 123);
        define("netbios-ns", 137);
        define("imap", 143);
        define("snmp", 161);
        define("snmp-trap", 162);
        define("bgp", 179);
        define("ldap", 389);
        define("https", 443);
        define("microsoft-ds", 445);
        define("syslog", 514);
        define("rtsp", 554);
        define("ldaps", 636);
        define("imaps", 993);
        define("pop3s", 995);
        define("radius", 1812);
        define("radius-acct", 1813);
        define("nfs", 2049);
        define("mysql", 3306);
        define("rdp", 3389);
        define("sip", 5060);
        define("postgresql", 5432);
        define("webcache", 8080);
        define("http-alt", 8008);
    }

    private Services() {
    }

    private static void define(String name, int port) {
        BY_NAME.put(name, port);
        BY_PORT.putIfAbsent(port, name);
    }

    /** A port number from a number or a service name. */
    public static Optional<Integer> port(String text) {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            try {
                int port = Integer.parseInt(text);
                return port <= 65535 ? Optional.of(port) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(BY_NAME.get(text));
    }

    /** How tmsh shows a port: its service name where it has one. */
    public static String display(int port) {
        return BY_PORT.getOrDefault(port, Integer.toString(port));
    }
}
