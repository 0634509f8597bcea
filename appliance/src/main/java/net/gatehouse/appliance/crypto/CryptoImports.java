package net.gatehouse.appliance.crypto;

import java.util.List;
import java.util.Optional;
import net.gatehouse.appliance.command.Command;
import net.gatehouse.appliance.command.CommandService;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.files.ImportSources;
import net.gatehouse.appliance.schema.ComponentType;

/**
 * Imports of key material from a file, the one path for every way to name one: tmsh's
 * {@code install sys crypto key|cert|pkcs12 NAME from-local-file PATH} and
 * {@code create sys file ssl-key|ssl-cert NAME source-path file:/PATH}, and iControl REST's
 * {@code sys file ssl-key|ssl-cert} {@code "sourcePath"} and {@code sys crypto key|cert}
 * {@code "command": "install"}. The caller's right to change the object is checked first, then the file
 * is read where {@link ImportSources} allows (so a refusal never says whether a file it may not read
 * exists), and the bytes go to {@link CryptoService}, which parses them and commits all or nothing.
 */
public final class CryptoImports {

    private final CommandService commands;
    private final CryptoService crypto;
    private final ImportSources sources;

    public CryptoImports(CommandService commands, CryptoService crypto, ImportSources sources) {
        this.commands = commands;
        this.crypto = crypto;
        this.sources = sources;
    }

    /** A key (PEM, PKCS#8 or PKCS#12) into a key slot as {@code keyPath}. */
    public void installKey(Principal principal, String keyPath, ImportSources.Property property, String value,
            Optional<char[]> passphrase) throws ConfigError {
        byte[] bytes = read(principal, "sys file ssl-key", keyPath, "key", property, value);
        crypto.installKey(principal, keyPath, bytes, passphrase, ImportSources.sourcePath(value));
    }

    /** A certificate or bundle (PEM or DER) as {@code certPath}. */
    public void installCertificate(Principal principal, String certPath, ImportSources.Property property, String value)
            throws ConfigError {
        byte[] bytes = read(principal, "sys file ssl-cert", certPath, "certificate", property, value);
        crypto.installCertificate(principal, certPath, bytes, ImportSources.sourcePath(value));
    }

    /** The key and certificate of a PKCS#12 file, both as {@code path}, in one commit. */
    public void installPkcs12(Principal principal, String path, ImportSources.Property property, String value,
            Optional<char[]> passphrase) throws ConfigError {
        authorize(principal, "sys file ssl-cert", path);
        byte[] bytes = read(principal, "sys file ssl-key", path, "PKCS#12 key and certificate", property, value);
        crypto.installPkcs12(principal, path, bytes, passphrase, ImportSources.sourcePath(value));
    }

    private byte[] read(Principal principal, String component, String path, String what,
            ImportSources.Property property, String value) throws ConfigError {
        authorize(principal, component, path);
        return sources.read(what + " (" + path + ")", property, value);
    }

    /** Refuses a principal who may not create or change {@code path} before anything is read for it. */
    private void authorize(Principal principal, String component, String path) throws ConfigError {
        ComponentType type = commands.snapshot().schema().require(component);
        Command change = commands.snapshot().get(type, path).isPresent() ? new Command.Modify(type, path, List.of())
                : new Command.Create(type, path, List.of());
        commands.authorize(principal, change);
    }
}
