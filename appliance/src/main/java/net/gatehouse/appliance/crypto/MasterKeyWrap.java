package net.gatehouse.appliance.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master key as an archive carries it. With a passphrase: AES-256-GCM under a key derived from the
 * passphrase with PBKDF2-HMAC-SHA256 and a random salt, so only the passphrase opens it. Without one:
 * the key in clear (BIG-IP's behaviour for an archive saved without a passphrase).
 */
final class MasterKeyWrap {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KDF = "PBKDF2WithHmacSHA256";
    private static final int ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] CONTEXT = "gatehouse ucs master key".getBytes(StandardCharsets.UTF_8);

    private MasterKeyWrap() {
    }

    static byte[] wrap(byte[] key, Optional<char[]> passphrase, SecureRandom random)
            throws GeneralSecurityException, IOException {
        ObjectNode node = JSON.createObjectNode();
        if (passphrase.isEmpty()) {
            node.put("protection", "none");
            node.put("key", Base64.getEncoder().encodeToString(key));
            return JSON.writeValueAsBytes(node);
        }
        byte[] salt = new byte[SALT_BYTES];
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(salt);
        random.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, derive(passphrase.get(), salt, ITERATIONS), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(CONTEXT);
        node.put("protection", "passphrase");
        node.put("kdf", KDF);
        node.put("iterations", ITERATIONS);
        node.put("salt", Base64.getEncoder().encodeToString(salt));
        node.put("iv", Base64.getEncoder().encodeToString(iv));
        node.put("sealed", Base64.getEncoder().encodeToString(cipher.doFinal(key)));
        return JSON.writeValueAsBytes(node);
    }

    /** Whether a wrapped key needs a passphrase to open. */
    static boolean encrypted(byte[] wrapped) throws KeySlotException {
        return "passphrase".equals(read(wrapped).path("protection").asText());
    }

    static byte[] unwrap(byte[] wrapped, Optional<char[]> passphrase) throws KeySlotException {
        JsonNode node = read(wrapped);
        String protection = node.path("protection").asText();
        try {
            if (protection.equals("none")) {
                return Base64.getDecoder().decode(node.path("key").asText());
            }
            if (!protection.equals("passphrase") || !KDF.equals(node.path("kdf").asText())) {
                throw new KeySlotException("The archive's master key is protected in an unknown way (" + protection + ").");
            }
            if (passphrase.isEmpty()) {
                throw new KeySlotException("The archive is encrypted; a passphrase is required to load it.");
            }
            int iterations = node.path("iterations").asInt();
            if (iterations < 10_000 || iterations > 10_000_000) {
                throw new KeySlotException("The archive's master key names an invalid iteration count " + iterations + ".");
            }
            byte[] salt = Base64.getDecoder().decode(node.path("salt").asText());
            byte[] iv = Base64.getDecoder().decode(node.path("iv").asText());
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, derive(passphrase.get(), salt, iterations), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(CONTEXT);
            return cipher.doFinal(Base64.getDecoder().decode(node.path("sealed").asText()));
        } catch (AEADBadTagException e) {
            throw new KeySlotException("The passphrase is incorrect: it does not decrypt the archive's master key.", e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeySlotException("The archive's master key cannot be read: " + e.getMessage(), e);
        }
    }

    private static JsonNode read(byte[] wrapped) throws KeySlotException {
        try {
            JsonNode node = JSON.readTree(wrapped);
            if (node == null || !node.isObject()) {
                throw new KeySlotException("The archive's master key is not readable.");
            }
            return node;
        } catch (IOException e) {
            throw new KeySlotException("The archive's master key is not readable: " + e.getMessage(), e);
        }
    }

    private static SecretKeySpec derive(char[] passphrase, byte[] salt, int iterations) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
        byte[] bytes = null;
        try {
            bytes = SecretKeyFactory.getInstance(KDF).generateSecret(spec).getEncoded();
            return new SecretKeySpec(bytes, "AES");
        } finally {
            spec.clearPassword();
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }
}
