package net.gatehouse.appliance.dataplane.tls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A profile's {@code ciphers} string (OpenSSL's syntax, as BIG-IP takes it) applied to the cipher
 * suites an engine offers, by their IANA names. {@code DEFAULT} keeps the engine's defaults.
 * Each {@code :}-separated word is a suite name (IANA or OpenSSL spelling), a keyword that selects
 * suites having it as a name component ({@code ecdhe}, {@code rsa}, {@code aes}, {@code gcm},
 * {@code sha256}; {@code DH} matches {@code DHE} but not {@code ECDHE}), several joined by {@code +}
 * (all must hold), or {@code ALL}. {@code !word} removes for good, {@code -word} removes;
 * {@code @SPEED} and {@code @STRENGTH} (ordering) are accepted and leave the order as the engine
 * prefers. TLS 1.3 suites are not chosen by this string (as on BIG-IP, where they come from the
 * cipher rule) and are always kept.
 */
public final class CipherString {

    private CipherString() {
    }

    /**
     * The suites of {@code available} (IANA names) the string selects, in the engine's order.
     *
     * @throws IllegalArgumentException when the string selects no TLS 1.2 suite at all
     */
    public static List<String> select(String ciphers, List<String> available, List<String> defaults) {
        Set<String> chosen = new LinkedHashSet<>();
        Set<String> banned = new LinkedHashSet<>();
        for (String raw : ciphers.trim().split("[:,\\s]+")) {
            String word = raw.trim();
            if (word.isEmpty() || word.startsWith("@")) {
                continue;
            }
            if (word.startsWith("!")) {
                banned.addAll(matching(word.substring(1), available, defaults));
            } else if (word.startsWith("-")) {
                chosen.removeAll(matching(word.substring(1), available, defaults));
            } else {
                chosen.addAll(matching(word.startsWith("+") ? word.substring(1) : word, available, defaults));
            }
        }
        chosen.removeAll(banned);
        List<String> result = new ArrayList<>();
        for (String suite : available) {
            if (chosen.contains(suite) && !tls13(suite)) {
                result.add(suite);
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("selects no cipher suite this engine offers");
        }
        for (String suite : available) {
            if (tls13(suite)) {
                result.add(suite);
            }
        }
        return result;
    }

    static boolean tls13(String suite) {
        return suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
    }

    private static List<String> matching(String word, List<String> available, List<String> defaults) {
        String upper = word.toUpperCase(Locale.ROOT);
        if (upper.equals("DEFAULT")) {
            return defaults;
        }
        if (upper.equals("ALL")) {
            return available;
        }
        String iana = upper.startsWith("TLS_") ? upper : null;
        List<String> found = new ArrayList<>();
        for (String suite : available) {
            if (suite.equals(iana) || openSslName(suite).equals(upper) || hasAll(suite, upper.split("\\+"))) {
                found.add(suite);
            }
        }
        return found;
    }

    /** Whether the suite's name components hold every keyword. */
    private static boolean hasAll(String suite, String[] keywords) {
        List<String> parts = components(suite);
        return Arrays.stream(keywords).allMatch(k -> has(parts, k));
    }

    private static boolean has(List<String> parts, String keyword) {
        return switch (keyword) {
            case "DH", "EDH" -> parts.contains("DHE") || parts.contains("DH");
            case "ECDH" -> parts.contains("ECDHE") || parts.contains("ECDH");
            case "AESGCM", "AES-GCM" -> parts.stream().anyMatch(p -> p.startsWith("AES")) && parts.contains("GCM");
            case "AES" -> parts.stream().anyMatch(p -> p.equals("AES") || p.startsWith("AES"));
            case "ECDSA" -> parts.contains("ECDSA");
            case "SHA" -> parts.contains("SHA");
            case "SSLV3", "EXP", "EXPORT", "RC4", "DES", "NULL", "MD5", "ADH", "AECDH", "ANULL", "ENULL" ->
                    parts.contains(keyword) || (keyword.equals("DES") && parts.contains("3DES"))
                            || (keyword.equals("ADH") && parts.contains("ANON"));
            default -> parts.contains(keyword);
        };
    }

    /** TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 → ECDHE, RSA, AES, AES128, 128, GCM, SHA256. */
    private static List<String> components(String suite) {
        List<String> parts = new ArrayList<>();
        String[] words = suite.replaceFirst("^TLS_", "").split("_");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.equals("WITH")) {
                continue;
            }
            parts.add(w);
            if (w.equals("AES") && i + 1 < words.length) {
                parts.add("AES" + words[i + 1]);
            }
            if (w.equals("CHACHA20")) {
                parts.add("CHACHA20");
            }
        }
        return parts;
    }

    /** The OpenSSL spelling of the common suites: ECDHE-RSA-AES128-GCM-SHA256. */
    private static String openSslName(String suite) {
        String name = suite.replaceFirst("^TLS_", "").replace("_WITH_", "_").replace("AES_128", "AES128")
                .replace("AES_256", "AES256").replace("CHACHA20_POLY1305_SHA256", "CHACHA20-POLY1305")
                .replace('_', '-');
        return name.startsWith("RSA-") ? name.substring(4) : name;
    }
}
