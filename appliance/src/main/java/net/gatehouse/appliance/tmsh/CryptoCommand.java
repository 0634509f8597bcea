package net.gatehouse.appliance.tmsh;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.gatehouse.appliance.command.ErrorCatalog;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.crypto.CryptoImports;
import net.gatehouse.appliance.crypto.CryptoService;
import net.gatehouse.appliance.crypto.KeySlotException;
import net.gatehouse.appliance.crypto.KeySlots;
import net.gatehouse.appliance.crypto.KeySpec;
import net.gatehouse.appliance.crypto.Subject;
import net.gatehouse.appliance.files.ImportSources;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.syntax.Token;

/**
 * The {@code sys crypto} verbs that make or move key material rather than only configuration:
 * {@code create sys crypto key|cert|csr}, {@code install sys crypto key|cert|pkcs12},
 * {@code create sys file ssl-cert|ssl-key ... source-path file:...}, {@code show sys crypto
 * cert|csr|master-key} and {@code modify sys crypto master-key}. Passphrases are used and dropped;
 * they are never stored.
 */
final class CryptoCommand {

    private static final Set<String> FLAGS = Set.of("gen-certificate", "gen-csr");
    private static final Set<String> KEY_OPTIONS = Set.of("key-type", "key-size", "curve-name", "security-type",
            "description", "lifetime", "challenge-password", "gen-certificate", "gen-csr");

    private final CryptoService crypto;
    private final CryptoImports imports;
    private final Principal principal;
    private final Snapshot snapshot;
    private final String folder;

    CryptoCommand(CryptoService crypto, CryptoImports imports, Principal principal, Snapshot snapshot, String folder) {
        this.crypto = crypto;
        this.imports = imports;
        this.principal = principal;
        this.snapshot = snapshot;
        this.folder = folder;
    }

    /** Whether this line is one of the verbs above. */
    static boolean handles(List<Token> words) {
        if (words.size() < 4 || !words.get(1).is("sys")) {
            return false;
        }
        String verb = words.get(0).text();
        String what = words.get(2).text() + " " + words.get(3).text();
        return switch (verb) {
            case "install" -> what.startsWith("crypto ");
            case "show" -> what.equals("crypto cert") || what.equals("crypto csr") || what.equals("crypto master-key");
            case "modify" -> what.equals("crypto master-key") || isFileImport(what, words);
            case "create" -> what.equals("crypto key") || what.equals("crypto cert") || what.equals("crypto csr")
                    || isFileImport(what, words);
            default -> false;
        };
    }

    /** {@code create|modify sys file ssl-cert|ssl-key NAME source-path file:/PATH}: an import of the file. */
    private static boolean isFileImport(String what, List<Token> words) {
        return (what.equals("file ssl-cert") || what.equals("file ssl-key"))
                && words.stream().anyMatch(w -> w.is("source-path"))
                && words.stream().noneMatch(w -> w.is("cache-path"));
    }

    String run(List<Token> words) throws TmshError {
        String verb = words.get(0).text();
        String component = words.get(2).text() + " " + words.get(3).text();
        try {
            return switch (verb) {
                case "show" -> show(component, words.subList(4, words.size()));
                case "modify" -> component.equals("crypto master-key") ? changeMasterKey(options(words, 4))
                        : reimport(component, words);
                case "install" -> install(component, words);
                default -> create(component, words);
            };
        } catch (ConfigError e) {
            throw new TmshError(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new TmshError("01070712:3: " + e.getMessage());
        }
    }

    private String create(String component, List<Token> words) throws TmshError, ConfigError {
        String path = name(words, "sys " + component);
        Map<String, String> options = options(words, 5);
        switch (component) {
            case "crypto key" -> {
                allowOnly(options, KEY_OPTIONS, Subject.PROPERTIES);
                if (options.containsKey("gen-certificate") && options.containsKey("gen-csr")) {
                    throw new TmshError("Syntax Error: gen-certificate and gen-csr cannot be used together");
                }
                if (!options.getOrDefault("security-type", "normal").equals("normal")) {
                    throw new TmshError("01070712:3: security-type " + options.get("security-type")
                            + " is not available: keys are kept in the key slots of this platform");
                }
                crypto.createKey(principal, path, spec(options), options.getOrDefault("description", "none"),
                        options.containsKey("gen-certificate") ? Optional.of(certificate(options)) : Optional.empty(),
                        options.containsKey("gen-csr") ? Optional.of(request(options)) : Optional.empty());
            }
            case "crypto cert" -> {
                allowOnly(options, Set.of("key", "lifetime"), Subject.PROPERTIES);
                crypto.createCertificate(principal, path, keyPath(options), certificate(options));
            }
            case "crypto csr" -> {
                allowOnly(options, Set.of("key", "challenge-password"), Subject.PROPERTIES);
                crypto.createCsr(principal, path, keyPath(options), request(options));
            }
            default -> {
                allowOnly(options, Set.of("source-path", "passphrase"), List.of());
                String sourcePath = options.get("source-path");
                if (component.equals("file ssl-key")) {
                    imports.installKey(principal, path, ImportSources.Property.SOURCE_PATH, sourcePath,
                            passphrase(options));
                } else {
                    imports.installCertificate(principal, path, ImportSources.Property.SOURCE_PATH, sourcePath);
                }
            }
        }
        return "";
    }

    /** {@code modify sys file ssl-cert|ssl-key NAME source-path file:/PATH}: the existing object imported again. */
    private String reimport(String component, List<Token> words) throws TmshError, ConfigError {
        String path = name(words, "sys " + component);
        ComponentType type = snapshot.schema().require("sys " + component);
        if (snapshot.get(type, path).isEmpty()) {
            throw ErrorCatalog.notFound(type.label(), path);
        }
        return create(component, words);
    }

    private String install(String component, List<Token> words) throws TmshError, ConfigError {
        String path = name(words, component.equals("crypto pkcs12") ? "sys crypto key" : "sys " + component);
        Map<String, String> options = options(words, 5);
        allowOnly(options, Set.of("from-local-file", "passphrase"), List.of());
        if (!options.containsKey("from-local-file")) {
            throw new TmshError("Syntax Error: install sys " + component + " requires from-local-file");
        }
        String file = options.get("from-local-file");
        ImportSources.Property from = ImportSources.Property.FROM_LOCAL_FILE;
        switch (component) {
            case "crypto key" -> imports.installKey(principal, path, from, file, passphrase(options));
            case "crypto cert" -> imports.installCertificate(principal, path, from, file);
            case "crypto pkcs12" -> imports.installPkcs12(principal, path, from, file, passphrase(options));
            default -> throw new TmshError("Syntax Error: \"" + component + "\" cannot be installed (key, cert, pkcs12)");
        }
        return "";
    }

    private String show(String component, List<Token> names) throws TmshError, ConfigError {
        switch (component) {
            case "crypto master-key" -> {
                KeySlots.MasterKeyHashes hashes = crypto.slots().masterKey();
                return "Sys::Master-Key\n"
                        + "master-key hash <" + hashes.current() + ">\n"
                        + "previous hash <" + hashes.previous() + ">\n";
            }
            case "crypto csr" -> {
                if (names.size() != 1) {
                    throw new TmshError("Syntax Error: show sys crypto csr takes one name");
                }
                return crypto.csr(snapshot, fullPath(names.get(0).text()));
            }
            default -> {
                ComponentType type = snapshot.schema().require("sys file ssl-cert");
                List<ConfigObject> certificates = names.isEmpty() ? List.copyOf(snapshot.all(type))
                        : names.stream().map(n -> fullPath(n.text())).map(p -> snapshot.get(type, p)).flatMap(Optional::stream).toList();
                if (certificates.size() < names.size()) {
                    throw new TmshError("01020036:3: The requested Certificate was not found.");
                }
                return crypto.report().show(snapshot, certificates);
            }
        }
    }

    private String changeMasterKey(Map<String, String> options) throws TmshError, ConfigError {
        allowOnly(options, Set.of("password"), List.of());
        try {
            crypto.changeMasterKey(principal, Optional.ofNullable(options.get("password")).map(String::toCharArray));
        } catch (KeySlotException e) {
            throw new TmshError("01070712:3: " + e.getMessage());
        }
        return "";
    }

    private static KeySpec spec(Map<String, String> options) throws TmshError {
        String type = options.getOrDefault("key-type", KeySpec.RSA);
        if (type.equals(KeySpec.EC)) {
            return KeySpec.ec(options.getOrDefault("curve-name", "prime256v1"));
        }
        int size = number(options, "key-size", 2048);
        if (size != 2048 && size != 4096) {
            throw new TmshError("01070712:3: key-size " + size + " is not supported for " + type + " (2048 or 4096)");
        }
        return new KeySpec(type, size, "none");
    }

    private static CryptoService.CertificateRequest certificate(Map<String, String> options) throws TmshError {
        int lifetime = number(options, "lifetime", 365);
        if (lifetime < 1 || lifetime > 36500) {
            throw new TmshError("01070712:3: lifetime " + lifetime + " must be between 1 and 36500 days");
        }
        return new CryptoService.CertificateRequest(subject(options), lifetime);
    }

    private static CryptoService.SigningRequest request(Map<String, String> options) {
        return new CryptoService.SigningRequest(subject(options), options.getOrDefault("challenge-password", "none"));
    }

    private static Subject subject(Map<String, String> options) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String property : Subject.PROPERTIES) {
            if (options.containsKey(property)) {
                fields.put(property, options.get(property));
            }
        }
        return new Subject(fields);
    }

    private String keyPath(Map<String, String> options) throws TmshError {
        if (!options.containsKey("key")) {
            throw new TmshError("Syntax Error: a key is required (key NAME)");
        }
        return fullPath(options.get("key"));
    }

    private static Optional<char[]> passphrase(Map<String, String> options) {
        return Optional.ofNullable(options.get("passphrase")).map(String::toCharArray);
    }

    private static int number(Map<String, String> options, String option, int otherwise) throws TmshError {
        String value = options.get(option);
        if (value == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new TmshError("01070712:3: " + option + " \"" + value + "\" is not a number");
        }
    }

    private String name(List<Token> words, String component) throws TmshError {
        if (words.size() < 5 || words.get(4).isOpen()) {
            throw new TmshError("Syntax Error: \"" + component + "\" requires an object name");
        }
        return fullPath(words.get(4).text());
    }

    private String fullPath(String name) {
        return name.startsWith("/") ? name : (folder.equals("/") ? "/Common" : folder) + "/" + name;
    }

    /** The option words from {@code start}, braces dropped: {@code name value} pairs and bare flags. */
    private static Map<String, String> options(List<Token> words, int start) throws TmshError {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = start; i < words.size(); i++) {
            Token word = words.get(i);
            if (word.isOpen() || word.isClose()) {
                continue;
            }
            if (FLAGS.contains(word.text())) {
                options.put(word.text(), "");
                continue;
            }
            if (i + 1 >= words.size() || words.get(i + 1).isOpen() || words.get(i + 1).isClose()) {
                throw new TmshError("Syntax Error: \"" + word.text() + "\" requires a value");
            }
            options.put(word.text(), words.get(++i).text());
        }
        return options;
    }

    private static void allowOnly(Map<String, String> options, Set<String> allowed, List<String> subject)
            throws TmshError {
        for (String option : options.keySet()) {
            if (!allowed.contains(option) && !subject.contains(option)) {
                throw new TmshError("Syntax Error: \"" + option + "\" unknown property");
            }
        }
    }
}
