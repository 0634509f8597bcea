package net.gatehouse.appliance.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jcajce.provider.asymmetric.ec.BCECPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads keys and certificates from the files they are installed from: PEM (traditional
 * {@code RSA/EC PRIVATE KEY}, PKCS#8 {@code PRIVATE KEY} and {@code ENCRYPTED PRIVATE KEY}, legacy
 * encrypted PEM), PKCS#8 DER, and PKCS#12 (with its passphrase). A key read here goes straight into
 * a slot as an {@link KeySlots.ImportedKey}; nothing else holds it.
 */
final class KeyFiles {

    private final BouncyCastleProvider provider = new BouncyCastleProvider();

    /** The private key in {@code bytes}; {@code passphrase} opens encrypted PEM, PKCS#8 and PKCS#12. */
    KeySlots.ImportedKey privateKey(byte[] bytes, Optional<char[]> passphrase) throws KeyFileException {
        PrivateKey key;
        if (isPem(bytes)) {
            key = pemKey(bytes, passphrase);
        } else if (looksLikePkcs12(bytes)) {
            key = pkcs12(bytes, passphrase).key();
        } else {
            key = pkcs8Der(bytes, passphrase);
        }
        return new KeySlots.ImportedKey(key, publicKey(key));
    }

    /** The certificates in {@code bytes} (PEM, DER or PKCS#12), in file order: the leaf first. */
    List<X509Certificate> certificates(byte[] bytes, Optional<char[]> passphrase) throws KeyFileException {
        if (!isPem(bytes) && looksLikePkcs12(bytes)) {
            return pkcs12(bytes, passphrase).chain();
        }
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes))) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new KeyFileException("the file holds no certificate");
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new KeyFileException("the file is not a certificate in PEM or DER form (" + e.getMessage() + ")");
        }
    }

    /** A PKCS#12 bundle's key and its certificate chain. */
    record Bundle(PrivateKey key, List<X509Certificate> chain) {
    }

    Bundle pkcs12(byte[] bytes, Optional<char[]> passphrase) throws KeyFileException {
        char[] password = passphrase.orElse(new char[0]);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), password);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Key key = store.getKey(alias, password);
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate certificate : store.getCertificateChain(alias)) {
                        chain.add((X509Certificate) certificate);
                    }
                    return new Bundle(jdkKey((PrivateKey) key), chain);
                }
            }
            throw new KeyFileException("the PKCS#12 file holds no private key");
        } catch (IOException e) {
            throw new KeyFileException(passphrase.isEmpty() ? "the PKCS#12 file needs a passphrase"
                    : "the PKCS#12 file cannot be opened with this passphrase");
        } catch (GeneralSecurityException e) {
            throw new KeyFileException("the PKCS#12 file cannot be read (" + e.getMessage() + ")");
        }
    }

    private PrivateKey pemKey(byte[] bytes, Optional<char[]> passphrase) throws KeyFileException {
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(provider);
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PEMKeyPair pair) {
                    return jdkKey(converter.getKeyPair(pair).getPrivate());
                }
                if (object instanceof PrivateKeyInfo info) {
                    return jdkKey(converter.getPrivateKey(info));
                }
                if (object instanceof PEMEncryptedKeyPair encrypted) {
                    char[] password = needPassphrase(passphrase);
                    PEMKeyPair pair = encrypted.decryptKeyPair(
                            new JcePEMDecryptorProviderBuilder().setProvider(provider).build(password));
                    return jdkKey(converter.getKeyPair(pair).getPrivate());
                }
                if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    return jdkKey(converter.getPrivateKey(decrypt(encrypted, needPassphrase(passphrase))));
                }
            }
            throw new KeyFileException("the file holds no private key");
        } catch (org.bouncycastle.openssl.EncryptionException | PKCSException e) {
            throw new KeyFileException("the key cannot be decrypted with this passphrase");
        } catch (IOException e) {
            throw new KeyFileException("the key cannot be read (" + e.getMessage() + ")");
        }
    }

    private PrivateKey pkcs8Der(byte[] bytes, Optional<char[]> passphrase) throws KeyFileException {
        try {
            if (passphrase.isPresent()) {
                PKCS8EncryptedPrivateKeyInfo encrypted = new PKCS8EncryptedPrivateKeyInfo(bytes);
                return jdkKey(new JcaPEMKeyConverter().setProvider(provider)
                        .getPrivateKey(decrypt(encrypted, passphrase.get())));
            }
            return jdkKey(new JcaPEMKeyConverter().setProvider(provider).getPrivateKey(PrivateKeyInfo.getInstance(bytes)));
        } catch (PKCSException e) {
            throw new KeyFileException("the key cannot be decrypted with this passphrase");
        } catch (IOException | IllegalArgumentException e) {
            throw new KeyFileException("the file is not a private key in PEM, PKCS#8 or PKCS#12 form");
        }
    }

    private PrivateKeyInfo decrypt(PKCS8EncryptedPrivateKeyInfo encrypted, char[] password) throws PKCSException {
        try {
            return encrypted.decryptPrivateKeyInfo(
                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(provider).build(password));
        } catch (OperatorCreationException e) {
            throw new PKCSException("the key's encryption is not supported", e);
        }
    }

    private static char[] needPassphrase(Optional<char[]> passphrase) throws KeyFileException {
        return passphrase.orElseThrow(() -> new KeyFileException("the key is encrypted and needs a passphrase"));
    }

    /** The key re-read by the JDK's own provider, so TLS uses the JDK's classes. */
    private static PrivateKey jdkKey(PrivateKey key) throws KeyFileException {
        String algorithm = key.getAlgorithm().equals("ECDSA") ? "EC" : key.getAlgorithm();
        if (!algorithm.equals("RSA") && !algorithm.equals("EC")) {
            throw new KeyFileException("a " + key.getAlgorithm() + " key is not supported (RSA or EC)");
        }
        try {
            return KeyFactory.getInstance(algorithm)
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new KeyFileException("the key cannot be read (" + e.getMessage() + ")");
        }
    }

    /** The public half of a private key (RSA from its CRT parameters, EC as the base point times d). */
    private PublicKey publicKey(PrivateKey key) throws KeyFileException {
        try {
            if (key instanceof RSAPrivateCrtKey rsa) {
                return KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
            BCECPrivateKey ec = (BCECPrivateKey) KeyFactory.getInstance("EC", provider)
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(key.getEncoded()));
            PublicKey bcPublic = KeyFactory.getInstance("EC", provider).generatePublic(new ECPublicKeySpec(
                    ec.getParameters().getG().multiply(ec.getD()).normalize(), ec.getParameters()));
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(bcPublic.getEncoded()));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new KeyFileException("the public key cannot be derived from the private key (" + e.getMessage() + ")");
        }
    }

    /** The key type and size of a public key, in tmsh's words. */
    static KeySpec spec(PublicKey key) {
        if (key instanceof RSAKey rsa) {
            return KeySpec.of("RSA", rsa.getModulus().bitLength());
        }
        return KeySpec.of("EC", ((ECKey) key).getParams().getCurve().getField().getFieldSize());
    }

    private static boolean isPem(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.US_ASCII);
        return head.contains("-----BEGIN ");
    }

    /** PKCS#12 is a DER SEQUENCE whose first element is the version INTEGER 3. */
    private static boolean looksLikePkcs12(byte[] bytes) {
        try {
            org.bouncycastle.asn1.ASN1Sequence sequence = org.bouncycastle.asn1.ASN1Sequence.getInstance(bytes);
            return sequence.size() >= 2 && sequence.getObjectAt(0) instanceof org.bouncycastle.asn1.ASN1Integer version
                    && version.intValueExact() == 3;
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            return false;
        }
    }

    /** Why a key or certificate file cannot be installed. */
    static final class KeyFileException extends Exception {
        KeyFileException(String message) {
            super(message);
        }
    }
}
