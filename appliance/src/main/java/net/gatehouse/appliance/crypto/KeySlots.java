package net.gatehouse.appliance.crypto;

import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.X509KeyManager;
import java.security.cert.X509Certificate;
import net.gatehouse.appliance.config.Secrets;

/**
 * Where private keys live: a fixed number of slots, each holding one key pair under a label (the
 * full path of its {@code sys file ssl-key}). A key is generated inside a slot or imported into one;
 * it never comes out again. What leaves a slot is its public key, a signature made with it, and a key
 * manager that a TLS context in this process uses for handshakes.
 * <p>
 * The software implementation ({@link SoftwareKeySlots}) keeps the slots encrypted at rest under the
 * device master key; the simulated crypto card of firmware-sim implements the same interface with
 * the slot count of its platform.
 */
public interface KeySlots extends AutoCloseable {

    /** How many slots there are; a card with every slot in use refuses new keys. */
    int capacity();

    /** The occupied slots, in slot order. */
    List<Slot> slots();

    Optional<Slot> find(String label);

    /** Generates a key pair inside a slot; an existing slot with the same label is replaced. */
    Slot generate(String label, KeySpec spec) throws KeySlotException;

    /** Imports a key (decrypted by the caller from the file it was installed from); replaces the label. */
    Slot importKey(String label, ImportedKey key) throws KeySlotException;

    /** Frees the slot holding {@code label}, if any. */
    void delete(String label) throws KeySlotException;

    /** Signs {@code data} with the slot's private key ({@code SHA256withRSA}, {@code SHA384withECDSA}, ...). */
    byte[] sign(String label, String algorithm, byte[] data) throws KeySlotException;

    /** A key manager presenting {@code chain} (leaf first) with the slot's key, for an in-process TLS context. */
    X509KeyManager keyManager(String label, List<X509Certificate> chain) throws KeySlotException;

    /**
     * The vault of configuration secrets under the current master key ({@code $M$} values); after a
     * master key change, a vault obtained before it still opens what was sealed under the old key.
     */
    Secrets.Vault secretVault();

    /** The current master key's hash (never the key) and the previous one's, as {@code show sys crypto master-key} prints. */
    MasterKeyHashes masterKey();

    /**
     * Replaces the master key and re-encrypts every slot under it, all or nothing. With a password the
     * new key is derived from it (so devices given the same password share a master key); without one
     * it is random.
     */
    void changeMasterKey(Optional<char[]> password) throws KeySlotException;

    /**
     * The slots as stored (each key sealed under the master key) and the master key, wrapped by
     * {@code passphrase} or in clear without one, for {@code save sys ucs}.
     */
    SlotArchive archive(Optional<char[]> passphrase) throws KeySlotException;

    /**
     * Checks that {@code archive} opens with {@code passphrase} and that every slot in it decrypts
     * under its master key; nothing changes. A wrong passphrase is refused with a clear message.
     */
    void checkArchive(SlotArchive archive, Optional<char[]> passphrase) throws KeySlotException;

    /**
     * Replaces the master key and every slot with the archive's ({@code load sys ucs}), all or nothing;
     * the archive is checked first as {@link #checkArchive} does.
     */
    void restore(SlotArchive archive, Optional<char[]> passphrase) throws KeySlotException;

    @Override
    void close();

    /** A slot's public face: its number, label, key type and public key. */
    record Slot(int number, String label, KeySpec spec, PublicKey publicKey) {
    }

    /** The hashes {@code show sys crypto master-key} prints; {@code previous} is empty until the key is changed. */
    record MasterKeyHashes(String current, String previous) {
    }

    /**
     * A private key on its way into a slot. Only this package can open it, so a key read from a file
     * goes from the parser to the slot without passing through any other code.
     */
    final class ImportedKey {
        private final java.security.PrivateKey key;
        private final PublicKey publicKey;

        ImportedKey(java.security.PrivateKey key, PublicKey publicKey) {
            this.key = key;
            this.publicKey = publicKey;
        }

        java.security.PrivateKey key() {
            return key;
        }

        public PublicKey publicKey() {
            return publicKey;
        }
    }
}
