package net.gatehouse.appliance.datagroup;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.schema.Addresses;

/**
 * The text of a data group file ({@code sys file data-group}), as F5 documents it: one record per
 * line, ending with a comma, the key and an optional value joined by the separator ({@code :=}).
 * Strings and integers are {@code "key" := "value",} (quotes optional, as F5's Ansible module writes
 * them); addresses are {@code host 10.0.0.1,}, {@code network 10.0.0.0/8,} or
 * {@code network 10.0.0.0 prefixlen 8,}, or a bare address or prefix. Blank lines are skipped.
 */
public final class DataGroupFileText {

    /** One record: its key (an address record's canonical {@code address/prefix}) and its value, or "". */
    public record Record(String key, String value) {
    }

    private static final Pattern HOST = Pattern.compile("host\\s+(\\S+)");
    private static final Pattern NETWORK_PREFIX = Pattern.compile("network\\s+(\\S+)\\s+prefixlen\\s+(\\d{1,3})");
    private static final Pattern NETWORK = Pattern.compile("(?:network\\s+)?([^\\s/]+)/(\\d{1,3})");

    private DataGroupFileText() {
    }

    /** BIG-IP's checksum of a file: {@code SHA1:<size>:<sha1 hex>}. */
    public static String checksum(byte[] bytes) {
        try {
            return "SHA1:" + bytes.length + ":" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    /**
     * The records of a file of {@code type} ({@code string}, {@code ip} or {@code integer}) read from
     * {@code source}; an error names the data group file, the line, the source and what is wrong.
     */
    public static List<Record> records(String fullPath, String source, String type, byte[] bytes) throws ConfigError {
        Where where = new Where(fullPath, source);
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1);
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!line.endsWith(",")) {
                throw invalid(where, i + 1, line, "a record ends with a comma");
            }
            String record = line.substring(0, line.length() - 1).strip();
            int separator = separatorAt(record);
            String key = unquote(separator < 0 ? record : record.substring(0, separator).strip());
            String value = separator < 0 ? "" : unquote(record.substring(separator + 2).strip());
            records.add(new Record(key(where, type, i + 1, line, key), value));
        }
        return records;
    }

    /** Where the separator {@code :=} is, outside quotes; -1 if there is none. */
    private static int separatorAt(String record) {
        boolean quoted = false;
        for (int i = 0; i + 1 < record.length(); i++) {
            char c = record.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ':' && record.charAt(i + 1) == '=') {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return text;
    }

    /** The data group file being read, and where from. */
    private record Where(String fullPath, String source) {
    }

    private static String key(Where where, String type, int number, String line, String key) throws ConfigError {
        if (key.isEmpty()) {
            throw invalid(where, number, line, "the record has no key");
        }
        switch (type) {
            case "integer" -> {
                if (!key.matches("-?\\d{1,19}")) {
                    throw invalid(where, number, line, "the key of an integer record must be a number");
                }
                return key;
            }
            case "ip" -> {
                return address(where, number, line, key);
            }
            default -> {
                return key;
            }
        }
    }

    private static String address(Where where, int number, String line, String key) throws ConfigError {
        Matcher host = HOST.matcher(key);
        Matcher prefixed = NETWORK_PREFIX.matcher(key);
        Matcher network = NETWORK.matcher(key);
        String address;
        String prefix;
        if (host.matches()) {
            address = host.group(1);
            prefix = "";
        } else if (prefixed.matches()) {
            address = prefixed.group(1);
            prefix = prefixed.group(2);
        } else if (network.matches()) {
            address = network.group(1);
            prefix = network.group(2);
        } else {
            address = key;
            prefix = "";
        }
        String canonical = Addresses.canonical(address).orElseThrow(() -> invalid(where, number, line,
                "\"" + address + "\" is not a valid IP address"));
        int bits = Addresses.isIpv6(canonical) ? 128 : 32;
        if (prefix.isEmpty()) {
            return canonical + "/" + bits;
        }
        if (Integer.parseInt(prefix) > bits) {
            throw invalid(where, number, line, "the prefix length " + prefix + " is longer than " + bits);
        }
        return canonical + "/" + Integer.parseInt(prefix);
    }

    private static ConfigError invalid(Where where, int number, String line, String reason) {
        return new ConfigError("01070712", "Values (" + line + ") specified for data group file (" + where.fullPath()
                + "): line " + number + " of source-path " + where.source() + ": " + reason + ".");
    }
}
