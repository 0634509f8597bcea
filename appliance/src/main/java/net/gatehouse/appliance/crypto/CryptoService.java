package net.gatehouse.appliance.crypto;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509KeyManager;
import net.gatehouse.appliance.command.Change;
import net.gatehouse.appliance.command.Command;
import net.gatehouse.appliance.command.CommandService;
import net.gatehouse.appliance.command.Commit;
import net.gatehouse.appliance.command.ErrorCatalog;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Edit;
import net.gatehouse.appliance.config.Secrets;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Paths;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sys crypto}: keys generated in or installed into key slots, the certificates and signing
 * requests made with them, and the configuration objects that name them ({@code sys crypto key/cert/csr}
 * and {@code sys file ssl-key/ssl-cert}), changed together through the command service.
 * <p>
 * Certificates and CSRs are public and kept as PEM files under {@code <data-dir>/config} at their
 * objects' {@code cache-path}; a key's {@code cache-path} file holds only the name of its slot.
 * Material is made first and the configuration committed after; if the commit is refused, new
 * material is removed again.
 */
public final class CryptoService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CryptoService.class);
    static final String DEFAULT_KEY = "/Common/default.key";
    static final String DEFAULT_CERT = "/Common/default.crt";
    /** The management interface's key: a slot label no configuration path can take. */
    static final String DEVICE_KEY = "device httpd server.key";
    static final String DEVICE_CERT_FILE = "httpd/conf/ssl.crt/server.crt";

    private final KeySlots slots;
    private final CommandService commands;
    private final Path configDirectory;
    private final Clock clock;
    private final KeyFiles keyFiles = new KeyFiles();
    private final SlotSigning signing;
    private final ScheduledExecutorService expiryCheck = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "certificate-expiry-check");
        thread.setDaemon(true);
        return thread;
    });

    private CryptoService(KeySlots slots, CommandService commands, Path configDirectory, Clock clock) {
        this.slots = slots;
        this.commands = commands;
        this.configDirectory = configDirectory;
        this.clock = clock;
        this.signing = new SlotSigning(slots);
        commands.subscribe(this::freeDeletedKeys);
    }

    /**
     * Starts {@code sys crypto} on an appliance: the SSL profiles' certificate checks, the built-in
     * material (generated on first boot), and a daily check that logs certificates near expiry.
     */
    public static CryptoService start(KeySlots slots, CommandService commands, Path configDirectory, Clock clock)
            throws KeySlotException {
        CryptoService crypto = new CryptoService(slots, commands, configDirectory, clock);
        SslProfileRule rule = new SslProfileRule(crypto, clock, commands::snapshot);
        commands.addRule("ltm profile client-ssl", rule);
        commands.addRule("ltm profile server-ssl", rule);
        crypto.ensureBuiltinMaterial();
        crypto.expiryCheck.scheduleAtFixedRate(crypto::logExpiring, 0, 1, TimeUnit.DAYS);
        return crypto;
    }

    /** Logs the certificates that expire soon or have expired (run daily, and at boot). */
    public void logExpiring() {
        Snapshot snapshot = commands.snapshot();
        report().logExpiring(snapshot, List.copyOf(snapshot.all(type(snapshot, "sys file ssl-cert"))));
    }

    public CertificateReport report() {
        return new CertificateReport(this, clock);
    }

    @Override
    public void close() {
        expiryCheck.shutdownNow();
        slots.close();
    }

    public KeySlots slots() {
        return slots;
    }

    /**
     * {@code modify sys crypto master-key [password P]}: a new master key, with every key slot and every
     * stored secret ({@code $M$} value) re-encrypted under it, as BIG-IP re-encrypts its secrets — all
     * or nothing: if the configuration cannot be re-encrypted and committed, the previous master key
     * and slots are put back. No other commit runs in between.
     */
    public void changeMasterKey(Principal principal, Optional<char[]> password) throws KeySlotException, ConfigError {
        synchronized (commands) {
            SlotArchive before = slots.archive(Optional.empty());
            Secrets.Vault previous = slots.secretVault();
            slots.changeMasterKey(password);
            try {
                commands.reseal(principal, previous);
            } catch (ConfigError | RuntimeException e) {
                try {
                    slots.restore(before, Optional.empty());
                } catch (KeySlotException restore) {
                    LOG.error("The master key change was refused ({}) and the previous master key could not be put"
                            + " back: {}", e.getMessage(), restore.getMessage());
                    e.addSuppressed(restore);
                }
                throw e;
            }
        }
    }

    public Clock clock() {
        return clock;
    }

    // ---------------------------------------------------------------- first boot

    /**
     * Gives the built-in {@code default.key}/{@code default.crt} and the management interface's device
     * certificate real material, generating what is missing (first boot, or a lost file).
     */
    public void ensureBuiltinMaterial() throws KeySlotException {
        try {
            generateMissingBuiltins();
        } catch (IOException e) {
            throw new KeySlotException("the built-in certificates cannot be written: " + e.getMessage(), e);
        }
    }

    private void generateMissingBuiltins() throws KeySlotException, IOException {
        Path defaultCert = file("/config/ssl/ssl.crt/default.crt");
        if (slots.find(DEFAULT_KEY).isEmpty() || !Files.isRegularFile(defaultCert)) {
            KeySlots.Slot slot = slots.generate(DEFAULT_KEY, KeySpec.rsa(2048));
            X509Certificate certificate = signing.selfSigned(slot, localhost(), clock.instant(), 3650);
            writeMaterial(defaultCert, pem(List.of(certificate)));
            writeMaterial(file("/config/ssl/ssl.key/default.key"), handle(slot));
            LOG.info("Generated default.key in key slot {} and the self-signed default.crt", slot.number());
        }
        Path deviceCert = configDirectory.resolve(DEVICE_CERT_FILE);
        if (slots.find(DEVICE_KEY).isEmpty() || !Files.isRegularFile(deviceCert)) {
            KeySlots.Slot slot = slots.generate(DEVICE_KEY, KeySpec.rsa(2048));
            writeMaterial(deviceCert, pem(List.of(signing.selfSigned(slot, localhost(), clock.instant(), 3650))));
            LOG.info("Generated the device certificate for the management interface in key slot {}", slot.number());
        }
    }

    /** The subject of the built-in {@code sys crypto cert default.crt}, as the schema declares it. */
    private Subject localhost() {
        Body defaultCert = type("sys crypto cert").builtins().stream()
                .filter(builtin -> builtin.name().equals("default.crt")).findFirst().orElseThrow().body();
        Map<String, String> fields = new HashMap<>();
        for (String property : Subject.PROPERTIES) {
            defaultCert.text(property).ifPresent(value -> fields.put(property, value));
        }
        return new Subject(fields);
    }

    // ---------------------------------------------------------------- create

    /** What {@code gen-certificate} or {@code create sys crypto cert} asks for. */
    public record CertificateRequest(Subject subject, int lifetimeDays) {
    }

    /** What {@code gen-csr} or {@code create sys crypto csr} asks for. */
    public record SigningRequest(Subject subject, String challengePassword) {
    }

    /**
     * {@code create sys crypto key NAME ... [gen-certificate ...|gen-csr ...]}: a new key in a slot, its
     * {@code sys crypto key} and {@code sys file ssl-key}, and a certificate or CSR of the same name.
     */
    public void createKey(Principal principal, String keyPath, KeySpec spec, String description,
            Optional<CertificateRequest> certificate, Optional<SigningRequest> request) throws ConfigError {
        refuseExisting(type("sys crypto key"), keyPath);
        refuseExisting(type("sys file ssl-key"), keyPath);
        if (certificate.isPresent()) {
            refuseExisting(type("sys crypto cert"), keyPath);
            refuseExisting(type("sys file ssl-cert"), keyPath);
        }
        if (request.isPresent()) {
            refuseExisting(type("sys crypto csr"), keyPath);
        }
        Batch pending = new Batch();
        pending.key(keyPath, spec, description, "pending", Optional.empty());
        certificate.ifPresent(c -> pending.certificate(keyPath, "pending", Optional.of(keyPath), c, Optional.empty()));
        request.ifPresent(r -> pending.csr(keyPath, keyPath, r));
        commands.verify(principal, pending.commands);

        Rollback rollback = new Rollback();
        try {
            KeySlots.Slot slot = slots.generate(keyPath, spec);
            rollback.slot(keyPath);
            Batch batch = new Batch();
            batch.key(keyPath, spec, description, keyChecksum(slot), Optional.empty());
            rollback.file(file(keyCachePath(keyPath)));
            writeMaterial(file(keyCachePath(keyPath)), handle(slot));
            if (certificate.isPresent()) {
                X509Certificate made = signing.selfSigned(slot, certificate.get().subject(), clock.instant(),
                        certificate.get().lifetimeDays());
                byte[] bytes = pem(List.of(made));
                rollback.file(file(certCachePath(keyPath)));
                writeMaterial(file(certCachePath(keyPath)), bytes);
                batch.certificate(keyPath, checksum(bytes), Optional.of(keyPath), certificate.get(), Optional.empty());
            }
            if (request.isPresent()) {
                byte[] bytes = csrPem(signing.request(slot, request.get().subject(), request.get().challengePassword()));
                rollback.file(file(csrCachePath(keyPath)));
                writeMaterial(file(csrCachePath(keyPath)), bytes);
                batch.csr(keyPath, keyPath, request.get());
            }
            commands.execute(principal, batch.commands);
            rollback.clear();
        } catch (KeySlotException | IOException e) {
            throw new ConfigError("01070712", "The key (" + keyPath + ") cannot be created: " + e.getMessage());
        } finally {
            rollback.run();
        }
    }

    /** {@code create sys crypto cert NAME key KEY ...}: a self-signed certificate made with an existing key. */
    public void createCertificate(Principal principal, String certPath, String keyPath, CertificateRequest request)
            throws ConfigError {
        refuseExisting(type("sys crypto cert"), certPath);
        refuseExisting(type("sys file ssl-cert"), certPath);
        KeySlots.Slot slot = slot(keyPath);
        Batch pending = new Batch();
        pending.certificate(certPath, "pending", Optional.of(keyPath), request, Optional.empty());
        commands.verify(principal, pending.commands);
        Rollback rollback = new Rollback();
        try {
            byte[] bytes = pem(List.of(signing.selfSigned(slot, request.subject(), clock.instant(), request.lifetimeDays())));
            rollback.file(file(certCachePath(certPath)));
            writeMaterial(file(certCachePath(certPath)), bytes);
            Batch batch = new Batch();
            batch.certificate(certPath, checksum(bytes), Optional.of(keyPath), request, Optional.empty());
            commands.execute(principal, batch.commands);
            rollback.clear();
        } catch (KeySlotException | IOException e) {
            throw new ConfigError("01070712", "The certificate (" + certPath + ") cannot be created: " + e.getMessage());
        } finally {
            rollback.run();
        }
    }

    /** {@code create sys crypto csr NAME key KEY ...}: a signing request made with an existing key. */
    public void createCsr(Principal principal, String csrPath, String keyPath, SigningRequest request)
            throws ConfigError {
        refuseExisting(type("sys crypto csr"), csrPath);
        KeySlots.Slot slot = slot(keyPath);
        Batch batch = new Batch();
        batch.csr(csrPath, keyPath, request);
        commands.verify(principal, batch.commands);
        Rollback rollback = new Rollback();
        try {
            byte[] bytes = csrPem(signing.request(slot, request.subject(), request.challengePassword()));
            rollback.file(file(csrCachePath(csrPath)));
            writeMaterial(file(csrCachePath(csrPath)), bytes);
            commands.execute(principal, batch.commands);
            rollback.clear();
        } catch (KeySlotException | IOException e) {
            throw new ConfigError("01070712", "The CSR (" + csrPath + ") cannot be created: " + e.getMessage());
        } finally {
            rollback.run();
        }
    }

    // ---------------------------------------------------------------- install

    /**
     * Installs the key in {@code bytes} (PEM, PKCS#8 or PKCS#12; {@code passphrase} opens it) into a slot
     * as {@code keyPath}, recording {@code sourcePath} as the object's {@code source-path} and, as BIG-IP
     * does, the file's {@code SHA1:<size>:<hex>} as its checksum. The bytes come from {@link CryptoImports},
     * which alone decides which files may be read.
     */
    public void installKey(Principal principal, String keyPath, byte[] bytes, Optional<char[]> passphrase,
            String sourcePath) throws ConfigError {
        KeySlots.ImportedKey key;
        try {
            key = keyFiles.privateKey(bytes, passphrase);
        } catch (KeyFiles.KeyFileException e) {
            throw new ConfigError("01070313", "The key (" + keyPath + ") cannot be installed from " + sourcePath + ": "
                    + e.getMessage() + ".");
        }
        install(principal, Optional.of(new KeyInstall(keyPath, key, Optional.of(checksum(bytes)))), Optional.empty(),
                sourcePath);
    }

    /** Installs the certificate or bundle (leaf first) in {@code bytes} as {@code certPath}, kept as given. */
    public void installCertificate(Principal principal, String certPath, byte[] bytes, String sourcePath)
            throws ConfigError {
        List<X509Certificate> chain;
        try {
            chain = keyFiles.certificates(bytes, Optional.empty());
        } catch (KeyFiles.KeyFileException e) {
            throw new ConfigError("01070313", "The certificate (" + certPath + ") cannot be installed from " + sourcePath
                    + ": " + e.getMessage() + ".");
        }
        install(principal, Optional.empty(), Optional.of(new CertificateInstall(certPath, chain, Optional.of(bytes))),
                sourcePath);
    }

    /**
     * {@code install sys crypto pkcs12 NAME}: the key and certificate in the PKCS#12 {@code bytes}, both
     * named {@code path}, installed together in one commit (neither without the other).
     */
    public void installPkcs12(Principal principal, String path, byte[] bytes, Optional<char[]> passphrase,
            String sourcePath) throws ConfigError {
        KeyFiles.Bundle bundle;
        KeySlots.ImportedKey key;
        try {
            bundle = keyFiles.pkcs12(bytes, passphrase);
            key = keyFiles.privateKey(bytes, passphrase);
        } catch (KeyFiles.KeyFileException e) {
            throw new ConfigError("01070313", "The PKCS#12 file " + sourcePath + " cannot be installed as " + path + ": "
                    + e.getMessage() + ".");
        }
        if (bundle.chain().isEmpty()) {
            throw new ConfigError("01070313", "The PKCS#12 file " + sourcePath + " holds no certificate.");
        }
        install(principal, Optional.of(new KeyInstall(path, key, Optional.empty())),
                Optional.of(new CertificateInstall(path, bundle.chain(), Optional.empty())), sourcePath);
    }

    /** A key to install: its checksum is the file's, or (from a PKCS#12 bundle) its public key's. */
    private record KeyInstall(String path, KeySlots.ImportedKey key, Optional<String> fileChecksum) {
        KeySpec spec() {
            return KeyFiles.spec(key.publicKey());
        }
    }

    /** A certificate to install: kept as uploaded, or (from a PKCS#12 bundle) written as PEM. */
    private record CertificateInstall(String path, List<X509Certificate> chain, Optional<byte[]> asUploaded) {
        CertificateRequest described() {
            return new CertificateRequest(CertificateInfo.subjectOf(chain.get(0)), CertificateInfo.lifetimeDays(chain.get(0)));
        }
    }

    /**
     * Installs material and commits the objects that describe it, all or nothing: the commit is verified
     * first; if anything then fails, new slots and files are removed, and replaced files and slots put
     * back. No commit, master key change or other install runs in between. (Key generation does not wait
     * for an install: generating a key can take seconds, and only a refused install of a replacement
     * key, which puts every slot back, could meet a key generated at that very moment.)
     */
    private void install(Principal principal, Optional<KeyInstall> key, Optional<CertificateInstall> certificate,
            String sourcePath) throws ConfigError {
        synchronized (commands) {
            installAlone(principal, key, certificate, sourcePath);
        }
    }

    private void installAlone(Principal principal, Optional<KeyInstall> key, Optional<CertificateInstall> certificate,
            String sourcePath) throws ConfigError {
        Batch pending = new Batch();
        key.ifPresent(k -> pending.key(k.path(), k.spec(), "none", "pending", Optional.of(sourcePath)));
        certificate.ifPresent(c -> pending.certificate(c.path(), "pending", Optional.empty(), c.described(),
                Optional.of(sourcePath)));
        commands.verify(principal, pending.commands);
        Rollback rollback = new Rollback();
        String path = key.map(KeyInstall::path).or(() -> certificate.map(CertificateInstall::path)).orElseThrow();
        try {
            Batch batch = new Batch();
            if (key.isPresent()) {
                KeyInstall k = key.get();
                Path handle = file(keyCachePath(k.path()));
                rollback.restore(handle);
                if (slots.find(k.path()).isPresent()) {
                    rollback.slots(slots.archive(Optional.empty()));
                } else {
                    rollback.slot(k.path());
                }
                KeySlots.Slot slot = slots.importKey(k.path(), k.key());
                writeMaterial(handle, handle(slot));
                batch.key(k.path(), k.spec(), "none", k.fileChecksum().orElseGet(() -> keyChecksum(slot)),
                        Optional.of(sourcePath));
            }
            if (certificate.isPresent()) {
                CertificateInstall c = certificate.get();
                Path target = file(certCachePath(c.path()));
                byte[] bytes = c.asUploaded().isPresent() ? c.asUploaded().get() : pem(c.chain());
                rollback.restore(target);
                writeMaterial(target, bytes);
                batch.certificate(c.path(), checksum(bytes), Optional.empty(), c.described(), Optional.of(sourcePath));
            }
            commands.execute(principal, batch.commands);
            rollback.clear();
        } catch (KeySlotException | IOException e) {
            throw new ConfigError("01070712", "The " + (key.isPresent() ? "key" : "certificate") + " (" + path
                    + ") cannot be installed: " + e.getMessage());
        } finally {
            rollback.run();
        }
    }

    // ---------------------------------------------------------------- material lookups

    /** The certificates (leaf first) in the file of {@code sys file ssl-cert} {@code certPath}, if on this appliance. */
    public Optional<List<X509Certificate>> certificates(Snapshot snapshot, String certPath) {
        Optional<ConfigObject> object = snapshot.get(type(snapshot, "sys file ssl-cert"), certPath);
        Optional<String> cachePath = object.flatMap(o -> o.body().text("cache-path")).filter(p -> !p.equals("none"));
        if (cachePath.isEmpty() || !Files.isRegularFile(file(cachePath.get()))) {
            return Optional.empty();
        }
        try {
            return Optional.of(keyFiles.certificates(Files.readAllBytes(file(cachePath.get())), Optional.empty()));
        } catch (IOException | KeyFiles.KeyFileException e) {
            LOG.warn("Certificate {} ({}) cannot be read: {}", certPath, cachePath.get(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The public key in the slot of {@code sys file ssl-key} {@code keyPath}, if on this appliance. */
    public Optional<PublicKey> publicKey(String keyPath) {
        return slots.find(keyPath).map(KeySlots.Slot::publicKey);
    }

    /** The PEM text of {@code sys crypto csr} {@code csrPath}. */
    public String csr(Snapshot snapshot, String csrPath) throws ConfigError {
        if (snapshot.get(type(snapshot, "sys crypto csr"), csrPath).isEmpty()) {
            throw ErrorCatalog.notFound("Certificate Signing Request", csrPath);
        }
        try {
            return Files.readString(file(csrCachePath(csrPath)), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ConfigError("01070712", "The CSR (" + csrPath + ") is not on this appliance: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- TLS

    /**
     * The key manager for a certificate and key by their {@code sys file} paths, for a TLS context in
     * this process (a client-ssl or server-ssl profile). The chain, if any, follows the certificate.
     */
    public X509KeyManager keyManager(Snapshot snapshot, String certPath, String keyPath, Optional<String> chainPath)
            throws ConfigError {
        List<X509Certificate> chain = new ArrayList<>(certificates(snapshot, certPath).orElseThrow(() ->
                new ConfigError("01070712", "The certificate (" + certPath + ") is not on this appliance.")));
        if (chainPath.isPresent()) {
            chain.addAll(certificates(snapshot, chainPath.get()).orElseThrow(() ->
                    new ConfigError("01070712", "The chain (" + chainPath.get() + ") is not on this appliance.")));
        }
        try {
            return slots.keyManager(keyPath, chain);
        } catch (KeySlotException e) {
            throw new ConfigError("01070712", "The key (" + keyPath + ") cannot be used: " + e.getMessage());
        }
    }

    /** A JDK TLS server context for a certificate and key by their {@code sys file} paths. */
    public SSLContext serverContext(Snapshot snapshot, String certPath, String keyPath) throws ConfigError {
        return TlsContexts.jdk(keyManager(snapshot, certPath, keyPath, Optional.empty()));
    }

    /** The management interface's certificate. */
    public X509Certificate deviceCertificate() throws KeySlotException {
        return deviceChain().get(0);
    }

    /** The management interface's key manager (its device certificate and key). */
    public X509KeyManager deviceKeyManager() throws KeySlotException {
        return slots.keyManager(DEVICE_KEY, deviceChain());
    }

    private List<X509Certificate> deviceChain() throws KeySlotException {
        try {
            return keyFiles.certificates(Files.readAllBytes(configDirectory.resolve(DEVICE_CERT_FILE)), Optional.empty());
        } catch (IOException | KeyFiles.KeyFileException e) {
            throw new KeySlotException("the device certificate cannot be read: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- deletes

    /** Frees the slot of a key whose {@code sys crypto key} and {@code sys file ssl-key} are both deleted. */
    private void freeDeletedKeys(Commit commit) {
        Snapshot snapshot = commit.snapshot();
        for (Change change : commit.changes()) {
            if (!change.isDelete()) {
                continue;
            }
            String kind = change.object().type().path();
            String path = change.object().fullPath();
            if ((kind.equals("sys crypto key") || kind.equals("sys file ssl-key"))
                    && snapshot.get(type(snapshot, "sys crypto key"), path).isEmpty()
                    && snapshot.get(type(snapshot, "sys file ssl-key"), path).isEmpty()) {
                try {
                    slots.delete(path);
                    Files.deleteIfExists(file(keyCachePath(path)));
                } catch (KeySlotException | IOException e) {
                    LOG.error("The key slot of deleted key {} could not be freed: {}", path, e.getMessage());
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private KeySlots.Slot slot(String keyPath) throws ConfigError {
        Snapshot snapshot = commands.snapshot();
        if (snapshot.get(type("sys crypto key"), keyPath).isEmpty()
                && snapshot.get(type("sys file ssl-key"), keyPath).isEmpty()) {
            throw ErrorCatalog.notFound("Key", keyPath);
        }
        return slots.find(keyPath).orElseThrow(() -> new ConfigError("01070712",
                "The key (" + keyPath + ") is not in a key slot on this appliance; install it first."));
    }

    private void refuseExisting(ComponentType type, String path) throws ConfigError {
        if (commands.snapshot().get(type, path).isPresent()) {
            throw ErrorCatalog.alreadyExists(type, path);
        }
    }

    private ComponentType type(String path) {
        return type(commands.snapshot(), path);
    }

    private static ComponentType type(Snapshot snapshot, String path) {
        return snapshot.schema().require(path);
    }

    /** {@code /config/...} as a file under this appliance's configuration directory. */
    Path file(String cachePath) {
        if (!cachePath.startsWith("/config/") || cachePath.contains("..")) {
            throw new IllegalArgumentException("cache-path " + cachePath + " is not under /config/");
        }
        return configDirectory.resolve(cachePath.substring("/config/".length()));
    }

    static String certCachePath(String fullPath) {
        return filestore(fullPath, "certificate_d");
    }

    static String keyCachePath(String fullPath) {
        return fullPath.equals(DEFAULT_KEY) ? "/config/ssl/ssl.key/default.key" : filestore(fullPath, "certificate_key_d");
    }

    static String csrCachePath(String fullPath) {
        return filestore(fullPath, "certificate_request_d");
    }

    /** BIG-IP's file store: {@code /config/filestore/files_d/Common_d/certificate_d/:Common:name}. */
    private static String filestore(String fullPath, String kind) {
        return "/config/filestore/files_d/" + Paths.partition(fullPath) + "_d/" + kind + "/" + fullPath.replace('/', ':');
    }

    private static void writeMaterial(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** A key's {@code cache-path} file: which slot holds it, never the key. */
    private static byte[] handle(KeySlots.Slot slot) {
        return ("# Gatehouse key slot handle: the private key is in key slot " + slot.number() + " (" + slot.label()
                + ") and is never written out.\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] pem(List<X509Certificate> certificates) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] csrPem(PKCS10CertificationRequest request) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(request);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** BIG-IP's checksum form, {@code SHA1:<size>:<hex>}. */
    static String checksum(byte[] bytes) {
        try {
            return "SHA1:" + bytes.length + ":" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    /** A key's checksum is over its public key: the private key is never read for it. */
    private static String keyChecksum(KeySlots.Slot slot) {
        return checksum(slot.publicKey().getEncoded());
    }

    /** The commands that describe new material, built once with placeholders (to verify) and once for real. */
    private final class Batch {
        final List<Command> commands = new ArrayList<>();

        void key(String path, KeySpec spec, String description, String checksum, Optional<String> sourcePath) {
            Map<String, String> crypto = new LinkedHashMap<>();
            crypto.put("key-type", spec.keyType());
            crypto.put(spec.isRsa() ? "key-size" : "curve-name", spec.isRsa() ? Integer.toString(spec.keySize())
                    : spec.curveName());
            if (!description.equals("none")) {
                crypto.put("description", description);
            }
            Map<String, String> file = new LinkedHashMap<>(crypto);
            file.remove("description");
            file.put("cache-path", keyCachePath(path));
            file.put("checksum", checksum);
            sourcePath.ifPresent(s -> file.put("source-path", s));
            upsert("sys crypto key", path, crypto);
            upsert("sys file ssl-key", path, file);
        }

        void certificate(String path, String checksum, Optional<String> key, CertificateRequest request,
                Optional<String> sourcePath) {
            Map<String, String> crypto = new LinkedHashMap<>();
            for (String property : Subject.PROPERTIES) {
                if (!request.subject().get(property).equals("none")) {
                    crypto.put(property, request.subject().get(property));
                }
            }
            key.ifPresent(k -> crypto.put("key", k));
            crypto.put("lifetime", Integer.toString(request.lifetimeDays()));
            Map<String, String> file = new LinkedHashMap<>();
            file.put("cache-path", certCachePath(path));
            file.put("checksum", checksum);
            sourcePath.ifPresent(s -> file.put("source-path", s));
            upsert("sys crypto cert", path, crypto);
            upsert("sys file ssl-cert", path, file);
        }

        void csr(String path, String key, SigningRequest request) {
            Map<String, String> crypto = new LinkedHashMap<>();
            for (String property : Subject.PROPERTIES) {
                if (!request.subject().get(property).equals("none")) {
                    crypto.put(property, request.subject().get(property));
                }
            }
            crypto.put("key", key);
            upsert("sys crypto csr", path, crypto);
        }

        /** Creates the object, or on a reinstall modifies it and counts its revision up. */
        private void upsert(String kind, String path, Map<String, String> values) {
            ComponentType type = type(kind);
            Optional<ConfigObject> existing = CryptoService.this.commands.snapshot().get(type, path);
            List<Edit> edits = new ArrayList<>();
            values.forEach((property, value) -> edits.add(new Edit.SetText(property, value)));
            if (existing.isEmpty()) {
                commands.add(new Command.Create(type, path, edits));
                return;
            }
            if (type.property("revision").isPresent()) {
                int revision = Integer.parseInt(existing.get().body().text("revision").orElse("1"));
                edits.add(new Edit.SetText("revision", Integer.toString(revision + 1)));
            }
            commands.add(new Command.Modify(type, path, edits));
        }
    }

    /**
     * Undoes the material a refused change made: new slots and files are removed, replaced files restored,
     * and replaced slots put back from the archive taken before.
     */
    private final class Rollback {
        private final List<String> newSlots = new ArrayList<>();
        private final Map<Path, Optional<byte[]>> files = new LinkedHashMap<>();
        private Optional<SlotArchive> slotsBefore = Optional.empty();

        void slot(String label) {
            newSlots.add(label);
        }

        /** Every slot as it was before a slot is replaced. */
        void slots(SlotArchive before) {
            slotsBefore = Optional.of(before);
        }

        void file(Path file) {
            files.putIfAbsent(file, Optional.empty());
        }

        void restore(Path file) throws IOException {
            files.putIfAbsent(file, Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty());
        }

        void clear() {
            newSlots.clear();
            files.clear();
            slotsBefore = Optional.empty();
        }

        void run() {
            if (slotsBefore.isPresent()) {
                try {
                    slots.restore(slotsBefore.get(), Optional.empty());
                } catch (KeySlotException e) {
                    LOG.error("The key slots could not be put back after a refused change: {}", e.getMessage());
                }
            }
            for (String label : newSlots) {
                try {
                    slots.delete(label);
                } catch (KeySlotException e) {
                    LOG.error("Key slot {} could not be freed after a refused change: {}", label, e.getMessage());
                }
            }
            files.forEach((file, before) -> {
                try {
                    if (before.isPresent()) {
                        writeMaterial(file, before.get());
                    } else {
                        Files.deleteIfExists(file);
                    }
                } catch (IOException e) {
                    LOG.error("{} could not be restored after a refused change: {}", file, e.getMessage());
                }
            });
        }
    }
}
