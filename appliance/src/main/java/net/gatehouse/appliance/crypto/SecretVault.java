package net.gatehouse.appliance.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import net.gatehouse.appliance.config.Secrets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The vault of configuration secrets ({@code $M$} values): AES-256-GCM under a key derived from the
 * master key with HKDF-SHA256 (so the master key itself seals only key slots), a fresh 96-bit IV per
 * value, written IV first, then ciphertext and tag.
 */
final class SecretVault implements Secrets.Vault {

    private static final byte[] INFO = "gatehouse configuration secrets".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CONTEXT = "gatehouse $M$ value".getBytes(StandardCharsets.UTF_8);
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    /** @param master the master key's bits; only a key derived from them is kept */
    SecretVault(byte[] master, SecureRandom random) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(master, null, INFO));
        byte[] derived = new byte[KEY_BYTES];
        hkdf.generateBytes(derived, 0, KEY_BYTES);
        this.key = new SecretKeySpec(derived, "AES");
        Arrays.fill(derived, (byte) 0);
        this.random = random;
    }

    @Override
    public byte[] seal(byte[] clear) throws GeneralSecurityException {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(CONTEXT);
        byte[] sealed = cipher.doFinal(clear);
        byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
        return out;
    }

    @Override
    public byte[] open(byte[] sealed) throws GeneralSecurityException {
        if (sealed.length < IV_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("the value is too short to be encrypted");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
        cipher.updateAAD(CONTEXT);
        return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
    }
}
