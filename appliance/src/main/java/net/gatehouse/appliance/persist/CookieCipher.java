package net.gatehouse.appliance.persist;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The encryption of a persistence cookie's value ({@code cookie-encryption preferred|required}):
 * AES with a 192-bit key (the key length F5 documents for cookie encryption, K7784) derived from
 * the profile's {@code cookie-encryption-passphrase} with PBKDF2-HMAC-SHA256, in GCM (authenticated)
 * mode, so a value altered by a client is refused rather than read as another member. The value
 * written is {@code !} and the base64 of a fresh 12-byte IV, the ciphertext and the tag; the
 * cookie's name is bound as associated data, so a value cannot be moved to another pool's cookie.
 * The format is Gatehouse's own: appliances with the same passphrase read each other's cookies,
 * a BIG-IP does not.
 */
public final class CookieCipher {

    /** What an encrypted value starts with, as BIG-IP's encrypted persistence cookies do. */
    public static final String PREFIX = "!";
    private static final byte[] SALT = "BIGipServer cookie-encryption".getBytes(StandardCharsets.UTF_8);
    private static final int ITERATIONS = 10_000;
    private static final int KEY_BITS = 192;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** An encrypted value longer than this is not one of ours (a member's address and port are short). */
    private static final int MAX_VALUE_CHARS = 256;

    private final SecretKeySpec key;
    private final SecureRandom random;

    private CookieCipher(SecretKeySpec key, SecureRandom random) {
        this.key = key;
        this.random = random;
    }

    /** The cipher of a passphrase (the key is derived once, here). */
    public static CookieCipher of(String passphrase) {
        PBEKeySpec spec = new PBEKeySpec(passphrase.toCharArray(), SALT, ITERATIONS, KEY_BITS);
        try {
            byte[] bytes = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return new CookieCipher(new SecretKeySpec(bytes, "AES"), new SecureRandom());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** {@code plain} (a cookie value) encrypted for the cookie {@code cookieName}. */
    public String seal(String plain, String cookieName) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(cookieName.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.US_ASCII));
            byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    }

    /**
     * The plain value of an encrypted cookie value; empty when it is not in the encrypted form, or
     * was not sealed with this passphrase for this cookie name, or was altered.
     */
    public Optional<String> open(String value, String cookieName) {
        if (!isEncrypted(value) || value.length() > MAX_VALUE_CHARS) {
            return Optional.empty();
        }
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (sealed.length < IV_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(cookieName.getBytes(StandardCharsets.UTF_8));
            return Optional.of(new String(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES),
                    StandardCharsets.US_ASCII));
        } catch (javax.crypto.AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    }

    /** Whether a cookie value is in the encrypted form ({@code !...}). */
    public static boolean isEncrypted(String value) {
        return value.startsWith(PREFIX);
    }
}
