package net.gatehouse.appliance.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The device master key: 256 bits kept in its own owner-only file, outside the configuration
 * database, that seals every slot with AES-GCM. Only its hash is ever shown.
 */
final class MasterKey {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] PASSWORD_SALT = "gatehouse device master key".getBytes(StandardCharsets.UTF_8);
    private static final int PASSWORD_ITERATIONS = 100_000;

    private final SecretKeySpec key;
    private final SecureRandom random;
    private final SecretVault secrets;

    private MasterKey(byte[] bytes, SecureRandom random) {
        this.key = new SecretKeySpec(bytes, "AES");
        this.random = random;
        this.secrets = new SecretVault(bytes, random);
    }

    /** The vault of configuration secrets ({@code $M$} values) under this key. */
    SecretVault secrets() {
        return secrets;
    }

    static MasterKey random(SecureRandom random) {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        return new MasterKey(bytes, random);
    }

    /** A key derived from a password, the same on every device given the same password. */
    static MasterKey fromPassword(char[] password, SecureRandom random) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(password, PASSWORD_SALT, PASSWORD_ITERATIONS, KEY_BYTES * 8);
        try {
            byte[] bytes = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return new MasterKey(bytes, random);
        } finally {
            spec.clearPassword();
        }
    }

    /** A key from its 256 bits (an archive's master key). */
    static MasterKey of(byte[] bytes, SecureRandom random) throws GeneralSecurityException {
        if (bytes.length != KEY_BYTES) {
            throw new GeneralSecurityException("a master key holds 256 bits, not " + bytes.length * 8);
        }
        return new MasterKey(bytes.clone(), random);
    }

    /** The key's bits, for an archive only (wrapped by {@link MasterKeyWrap} before they are written). */
    byte[] encoded() {
        return key.getEncoded();
    }

    static MasterKey read(Path file, SecureRandom random) throws IOException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new IOException("the master key file " + file + " is not readable: " + e.getMessage(), e);
        }
        if (bytes.length != KEY_BYTES) {
            throw new IOException("the master key file " + file + " does not hold a 256-bit key");
        }
        return new MasterKey(bytes, random);
    }

    /** Writes the key to {@code file}, readable and writable by the owner only. */
    void write(Path file) throws IOException {
        writeOwnerOnly(file, (Base64.getEncoder().encodeToString(key.getEncoded()) + "\n")
                .getBytes(StandardCharsets.US_ASCII));
    }

    /** The SHA-512 of the key, base64: what {@code show sys crypto master-key} prints. */
    String hash() {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-512 is not available", e);
        }
    }

    /** AES-GCM: a fresh IV followed by the ciphertext and tag; {@code context} is bound as associated data. */
    byte[] seal(byte[] plain, String context) throws GeneralSecurityException {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(plain);
        byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
        return out;
    }

    byte[] open(byte[] sealed, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
    }

    /** Writes {@code bytes} to a new owner-only file next to {@code file}, then moves it into place. */
    static void writeOwnerOnly(Path file, byte[] bytes) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.write(temporary, bytes);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
