package net.gatehouse.appliance.crypto;

import java.util.Map;

/**
 * A key's type and strength in tmsh's words: {@code key-type rsa-private key-size 2048} or
 * {@code key-type ec-private curve-name prime256v1}.
 */
public record KeySpec(String keyType, int keySize, String curveName) {

    public static final String RSA = "rsa-private";
    public static final String EC = "ec-private";

    /** tmsh curve names and the JCA names of the same curves, with their sizes. */
    private static final Map<String, String> JCA_CURVES = Map.of("prime256v1", "secp256r1", "secp384r1", "secp384r1");
    private static final Map<String, Integer> CURVE_SIZES = Map.of("prime256v1", 256, "secp384r1", 384);

    public KeySpec {
        if (keyType.equals(RSA)) {
            if (keySize < 1024 || keySize > 8192) {
                throw new IllegalArgumentException("key-size " + keySize + " is not supported for rsa-private");
            }
            curveName = "none";
        } else if (keyType.equals(EC)) {
            if (!JCA_CURVES.containsKey(curveName)) {
                throw new IllegalArgumentException("curve-name " + curveName + " is not supported (prime256v1 or secp384r1)");
            }
            keySize = CURVE_SIZES.get(curveName);
        } else {
            throw new IllegalArgumentException("key-type " + keyType + " is not supported (rsa-private or ec-private)");
        }
    }

    public static KeySpec rsa(int size) {
        return new KeySpec(RSA, size, "none");
    }

    public static KeySpec ec(String curve) {
        return new KeySpec(EC, 0, curve);
    }

    public boolean isRsa() {
        return keyType.equals(RSA);
    }

    /** The JCA key algorithm: {@code RSA} or {@code EC}. */
    public String algorithm() {
        return isRsa() ? "RSA" : "EC";
    }

    String jcaCurve() {
        return JCA_CURVES.get(curveName);
    }

    /** The signature a certificate or CSR made with this key uses. */
    public String signatureAlgorithm() {
        if (isRsa()) {
            return "SHA256withRSA";
        }
        return keySize == 384 ? "SHA384withECDSA" : "SHA256withECDSA";
    }

    /** The spec of a key whose size or curve was read from the key itself. */
    static KeySpec of(String algorithm, int bits) {
        if (algorithm.equals("RSA")) {
            return new KeySpec(RSA, bits, "none");
        }
        return switch (bits) {
            case 256 -> ec("prime256v1");
            case 384 -> ec("secp384r1");
            default -> throw new IllegalArgumentException("an EC key of " + bits + " bits is not supported (prime256v1 or secp384r1)");
        };
    }
}
