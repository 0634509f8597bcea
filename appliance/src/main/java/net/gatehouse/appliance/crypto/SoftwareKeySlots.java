package net.gatehouse.appliance.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;
import net.gatehouse.appliance.config.Secrets;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Key slots in software: every slot's private key is sealed with AES-GCM under the device master key
 * and kept in {@code <data-dir>/keyslots.json}; the master key is in {@code <data-dir>/master.key}
 * (owner-only), never in the configuration database. Keys are generated with BouncyCastle and
 * unsealed only in memory, for a signature or a TLS key manager.
 * <p>
 * Changing the master key writes {@code master.key.next} and {@code keyslots.json.next}, then moves
 * the key and then the slots into place; opening after a crash between the two moves finishes the
 * change, and opening after a crash before them rolls it back.
 */
public final class SoftwareKeySlots implements KeySlots {

    private static final Logger LOG = LoggerFactory.getLogger(SoftwareKeySlots.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MASTER = "master.key";
    private static final String SLOTS = "keyslots.json";
    private static final String NEXT = ".next";

    private final Path directory;
    private final int capacity;
    private final SecureRandom random = new SecureRandom();
    private final BouncyCastleProvider provider = new BouncyCastleProvider();
    private MasterKey master;
    private String previousHash;
    private final List<Sealed> slots = new ArrayList<>();

    /** A slot as stored: its public face and its private key sealed under the master key. */
    private record Sealed(Slot slot, byte[] sealedKey) {
    }

    private SoftwareKeySlots(Path directory, int capacity) {
        this.directory = directory;
        this.capacity = capacity;
    }

    /** Opens the slots in {@code directory}, creating the master key on first boot. */
    public static SoftwareKeySlots open(Path directory, int capacity) throws KeySlotException {
        if (capacity < 1) {
            throw new IllegalArgumentException("a key store needs at least one slot");
        }
        SoftwareKeySlots slots = new SoftwareKeySlots(directory, capacity);
        try {
            Files.createDirectories(directory);
            slots.load();
        } catch (IOException | GeneralSecurityException e) {
            throw new KeySlotException("the key slots in " + directory + " cannot be opened: " + e.getMessage(), e);
        }
        return slots;
    }

    private void load() throws IOException, GeneralSecurityException, KeySlotException {
        Path masterFile = directory.resolve(MASTER);
        Path slotFile = directory.resolve(SLOTS);
        if (!Files.exists(masterFile)) {
            if (Files.exists(slotFile)) {
                throw new KeySlotException("the key slots exist but the master key (" + masterFile + ") is missing");
            }
            master = MasterKey.random(random);
            master.write(masterFile);
            previousHash = "";
            LOG.info("Created the device master key in {}", masterFile);
            store();
            return;
        }
        master = MasterKey.read(masterFile, random);
        Path slotNext = directory.resolve(SLOTS + NEXT);
        if (Files.exists(slotFile) && !storedHash(slotFile).equals(master.hash())
                && Files.exists(slotNext) && storedHash(slotNext).equals(master.hash())) {
            Files.move(slotNext, slotFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LOG.warn("Finished a master key change that was interrupted");
        }
        if (Files.deleteIfExists(directory.resolve(MASTER + NEXT)) | Files.deleteIfExists(slotNext)) {
            LOG.warn("Rolled back a master key change that was interrupted");
        }
        if (!Files.exists(slotFile)) {
            previousHash = "";
            store();
            return;
        }
        JsonNode root = JSON.readTree(slotFile.toFile());
        if (!root.path("masterKey").asText().equals(master.hash())) {
            throw new KeySlotException("the key slots were sealed under another master key than " + masterFile);
        }
        previousHash = root.path("previousMasterKey").asText("");
        slots.addAll(parse(root));
    }

    private static List<Sealed> parse(JsonNode root) throws GeneralSecurityException {
        List<Sealed> parsed = new ArrayList<>();
        for (JsonNode node : root.path("slots")) {
            KeySpec spec = new KeySpec(node.path("keyType").asText(), node.path("keySize").asInt(),
                    node.path("curveName").asText());
            PublicKey publicKey = KeyFactory.getInstance(spec.algorithm())
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(node.path("publicKey").asText())));
            parsed.add(new Sealed(new Slot(node.path("number").asInt(), node.path("label").asText(), spec, publicKey),
                    Base64.getDecoder().decode(node.path("sealedKey").asText())));
        }
        return parsed;
    }

    private static String storedHash(Path file) throws IOException {
        return JSON.readTree(file.toFile()).path("masterKey").asText();
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public synchronized List<Slot> slots() {
        return slots.stream().map(Sealed::slot).sorted(Comparator.comparingInt(Slot::number)).toList();
    }

    @Override
    public synchronized Optional<Slot> find(String label) {
        return sealed(label).map(Sealed::slot);
    }

    private Optional<Sealed> sealed(String label) {
        return slots.stream().filter(s -> s.slot().label().equals(label)).findFirst();
    }

    @Override
    public Slot generate(String label, KeySpec spec) throws KeySlotException {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(spec.algorithm(), provider);
            generator.initialize(spec.isRsa() ? new RSAKeyGenParameterSpec(spec.keySize(), RSAKeyGenParameterSpec.F4)
                    : new ECGenParameterSpec(spec.jcaCurve()), random);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new KeySlotException("a " + spec.keyType() + " key cannot be generated: " + e.getMessage(), e);
        }
        return put(label, spec, pair.getPrivate(), pair.getPublic());
    }

    @Override
    public Slot importKey(String label, ImportedKey key) throws KeySlotException {
        return put(label, KeyFiles.spec(key.publicKey()), key.key(), key.publicKey());
    }

    private synchronized Slot put(String label, KeySpec spec, PrivateKey key, PublicKey publicKey)
            throws KeySlotException {
        Optional<Sealed> existing = sealed(label);
        int number = existing.map(s -> s.slot().number()).orElseGet(this::freeNumber);
        if (number < 0) {
            throw new KeySlotException("All " + capacity + " key slots are in use; delete a key before creating "
                    + label + ".");
        }
        byte[] pkcs8 = key.getEncoded();
        try {
            PublicKey jdkPublic = KeyFactory.getInstance(spec.algorithm())
                    .generatePublic(new X509EncodedKeySpec(publicKey.getEncoded()));
            Slot slot = new Slot(number, label, spec, jdkPublic);
            Sealed sealed = new Sealed(slot, master.seal(pkcs8, context(number, label)));
            List<Sealed> before = List.copyOf(slots);
            existing.ifPresent(slots::remove);
            slots.add(sealed);
            try {
                store();
            } catch (IOException e) {
                slots.clear();
                slots.addAll(before);
                throw new KeySlotException("the key slots cannot be written: " + e.getMessage(), e);
            }
            LOG.info("Key slot {} now holds {} ({} {})", number, label, spec.keyType(),
                    spec.isRsa() ? spec.keySize() : spec.curveName());
            return slot;
        } catch (GeneralSecurityException e) {
            throw new KeySlotException("the key for " + label + " cannot be sealed: " + e.getMessage(), e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private int freeNumber() {
        for (int number = 0; number < capacity; number++) {
            int wanted = number;
            if (slots.stream().noneMatch(s -> s.slot().number() == wanted)) {
                return number;
            }
        }
        return -1;
    }

    private static String context(int number, String label) {
        return "slot " + number + " " + label;
    }

    @Override
    public synchronized void delete(String label) throws KeySlotException {
        Optional<Sealed> existing = sealed(label);
        if (existing.isEmpty()) {
            return;
        }
        slots.remove(existing.get());
        try {
            store();
        } catch (IOException e) {
            slots.add(existing.get());
            throw new KeySlotException("the key slots cannot be written: " + e.getMessage(), e);
        }
        LOG.info("Key slot {} ({}) freed", existing.get().slot().number(), label);
    }

    @Override
    public byte[] sign(String label, String algorithm, byte[] data) throws KeySlotException {
        PrivateKey key = unseal(label);
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new KeySlotException("the key " + label + " cannot sign with " + algorithm + ": " + e.getMessage(), e);
        }
    }

    @Override
    public X509KeyManager keyManager(String label, List<X509Certificate> chain) throws KeySlotException {
        PrivateKey key = unseal(label);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] none = new char[0];
            store.setKeyEntry("slot", key, none, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, none);
            for (KeyManager manager : factory.getKeyManagers()) {
                if (manager instanceof X509KeyManager x509) {
                    return x509;
                }
            }
            throw new KeySlotException("no X.509 key manager is available");
        } catch (GeneralSecurityException | IOException e) {
            throw new KeySlotException("a key manager for " + label + " cannot be built: " + e.getMessage(), e);
        }
    }

    private PrivateKey unseal(String label) throws KeySlotException {
        Sealed sealed;
        MasterKey key;
        synchronized (this) {
            sealed = sealed(label).orElseThrow(() -> new KeySlotException("No key slot holds " + label + "."));
            key = master;
        }
        byte[] pkcs8 = null;
        try {
            pkcs8 = key.open(sealed.sealedKey(), context(sealed.slot().number(), label));
            return KeyFactory.getInstance(sealed.slot().spec().algorithm()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new KeySlotException("the key in slot " + sealed.slot().number() + " cannot be unsealed", e);
        } finally {
            if (pkcs8 != null) {
                Arrays.fill(pkcs8, (byte) 0);
            }
        }
    }

    @Override
    public synchronized Secrets.Vault secretVault() {
        return master.secrets();
    }

    @Override
    public synchronized MasterKeyHashes masterKey() {
        return new MasterKeyHashes(master.hash(), previousHash);
    }

    @Override
    public synchronized void changeMasterKey(Optional<char[]> password) throws KeySlotException {
        List<Sealed> resealed = new ArrayList<>();
        MasterKey next;
        try {
            next = password.isPresent() ? MasterKey.fromPassword(password.get(), random) : MasterKey.random(random);
            for (Sealed sealed : slots) {
                String context = context(sealed.slot().number(), sealed.slot().label());
                byte[] plain = master.open(sealed.sealedKey(), context);
                try {
                    resealed.add(new Sealed(sealed.slot(), next.seal(plain, context)));
                } finally {
                    Arrays.fill(plain, (byte) 0);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new KeySlotException("The master key was not changed: " + e.getMessage(), e);
        }
        install(next, master.hash(), resealed, "The master key was not changed");
        LOG.info("Changed the device master key; {} key slots re-encrypted", slots.size());
    }

    @Override
    public synchronized SlotArchive archive(Optional<char[]> passphrase) throws KeySlotException {
        byte[] key = master.encoded();
        try {
            return new SlotArchive(document(), MasterKeyWrap.wrap(key, passphrase, random));
        } catch (IOException | GeneralSecurityException e) {
            throw new KeySlotException("The key slots cannot be archived: " + e.getMessage(), e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public void checkArchive(SlotArchive archive, Optional<char[]> passphrase) throws KeySlotException {
        open(archive, passphrase);
    }

    @Override
    public synchronized void restore(SlotArchive archive, Optional<char[]> passphrase) throws KeySlotException {
        Restored restored = open(archive, passphrase);
        install(restored.master(), restored.previousHash(), restored.slots(), "The key slots were not restored");
        LOG.info("Restored the device master key and {} key slots from an archive", slots.size());
    }

    /** An archive's slots, every one of them opened once to prove it decrypts. */
    private record Restored(MasterKey master, String previousHash, List<Sealed> slots) {
    }

    private Restored open(SlotArchive archive, Optional<char[]> passphrase) throws KeySlotException {
        byte[] bytes = MasterKeyWrap.unwrap(archive.masterKey(), passphrase);
        try {
            MasterKey key = MasterKey.of(bytes, random);
            JsonNode root = JSON.readTree(archive.slots());
            if (!root.path("masterKey").asText().equals(key.hash())) {
                throw new KeySlotException("The archive's key slots were sealed under another master key than the one"
                        + " it holds.");
            }
            List<Sealed> parsed = parse(root);
            if (parsed.size() > capacity) {
                throw new KeySlotException("The archive holds " + parsed.size() + " keys; this appliance has "
                        + capacity + " key slots.");
            }
            for (Sealed sealed : parsed) {
                byte[] plain = key.open(sealed.sealedKey(), context(sealed.slot().number(), sealed.slot().label()));
                try {
                    KeyFactory.getInstance(sealed.slot().spec().algorithm()).generatePrivate(new PKCS8EncodedKeySpec(plain));
                } finally {
                    Arrays.fill(plain, (byte) 0);
                }
            }
            return new Restored(key, root.path("previousMasterKey").asText(""), parsed);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new KeySlotException("The archive's key slots cannot be opened: " + e.getMessage(), e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Puts a new master key and slots in place: {@code master.key.next} and {@code keyslots.json.next}
     * are written, then moved into place (key first), so a crash finishes or rolls back the change.
     */
    private void install(MasterKey next, String nextPrevious, List<Sealed> nextSlots, String failure)
            throws KeySlotException {
        Path masterNext = directory.resolve(MASTER + NEXT);
        Path slotsNext = directory.resolve(SLOTS + NEXT);
        MasterKey old = master;
        String oldPrevious = previousHash;
        List<Sealed> before = List.copyOf(slots);
        try {
            next.write(masterNext);
            master = next;
            previousHash = nextPrevious;
            slots.clear();
            slots.addAll(nextSlots);
            MasterKey.writeOwnerOnly(slotsNext, document());
        } catch (IOException e) {
            master = old;
            previousHash = oldPrevious;
            slots.clear();
            slots.addAll(before);
            deleteQuietly(masterNext);
            deleteQuietly(slotsNext);
            throw new KeySlotException(failure + ": " + e.getMessage(), e);
        }
        try {
            Files.move(masterNext, directory.resolve(MASTER), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.move(slotsNext, directory.resolve(SLOTS), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new KeySlotException("The key slot change could not be finished (" + e.getMessage()
                    + "); it is finished or rolled back when the key slots are next opened.", e);
        }
    }

    private void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", file, e.getMessage());
        }
    }

    private void store() throws IOException {
        MasterKey.writeOwnerOnly(directory.resolve(SLOTS), document());
    }

    private byte[] document() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("masterKey", master.hash());
        root.put("previousMasterKey", previousHash);
        root.put("capacity", capacity);
        ArrayNode array = root.putArray("slots");
        for (Sealed sealed : slots.stream().sorted(Comparator.comparingInt(s -> s.slot().number())).toList()) {
            Slot slot = sealed.slot();
            ObjectNode node = array.addObject();
            node.put("number", slot.number());
            node.put("label", slot.label());
            node.put("keyType", slot.spec().keyType());
            node.put("keySize", slot.spec().keySize());
            node.put("curveName", slot.spec().curveName());
            node.put("publicKey", Base64.getEncoder().encodeToString(slot.publicKey().getEncoded()));
            node.put("sealedKey", Base64.getEncoder().encodeToString(sealed.sealedKey()));
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    @Override
    public synchronized void close() {
        slots.clear();
    }
}
