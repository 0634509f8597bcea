package net.gatehouse.appliance.crypto;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Self-signed certificates and signing requests made with a slot's key: BouncyCastle builds them and
 * the slot signs them, so the private key never leaves the slot.
 */
final class SlotSigning {

    private final KeySlots slots;
    private final SecureRandom random = new SecureRandom();

    SlotSigning(KeySlots slots) {
        this.slots = slots;
    }

    X509Certificate selfSigned(KeySlots.Slot slot, Subject subject, Instant notBefore, int lifetimeDays)
            throws KeySlotException {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject.name(),
                    new BigInteger(63, random).add(BigInteger.ONE), Date.from(notBefore),
                    Date.from(notBefore.plus(Duration.ofDays(lifetimeDays))), subject.name(), slot.publicKey());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(slot.publicKey()));
            builder.addExtension(Extension.basicConstraints, false, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(slot.spec().isRsa()
                    ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            GeneralNames alternatives = subject.alternativeNames();
            if (alternatives.getNames().length > 0) {
                builder.addExtension(Extension.subjectAlternativeName, false, alternatives);
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(slot)));
        } catch (CertIOException | GeneralSecurityException e) {
            throw new KeySlotException("the certificate cannot be built: " + e.getMessage(), e);
        } catch (SigningFailure e) {
            throw e.cause;
        }
    }

    PKCS10CertificationRequest request(KeySlots.Slot slot, Subject subject, String challengePassword)
            throws KeySlotException {
        try {
            JcaPKCS10CertificationRequestBuilder builder =
                    new JcaPKCS10CertificationRequestBuilder(subject.name(), slot.publicKey());
            GeneralNames alternatives = subject.alternativeNames();
            if (alternatives.getNames().length > 0) {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.subjectAlternativeName, false, alternatives);
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            if (!challengePassword.equals("none")) {
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword,
                        new DERPrintableString(challengePassword));
            }
            return builder.build(signer(slot));
        } catch (java.io.IOException e) {
            throw new KeySlotException("the signing request cannot be built: " + e.getMessage(), e);
        } catch (SigningFailure e) {
            throw e.cause;
        }
    }

    private ContentSigner signer(KeySlots.Slot slot) {
        String algorithm = slot.spec().signatureAlgorithm();
        AlgorithmIdentifier identifier = new DefaultSignatureAlgorithmIdentifierFinder().find(algorithm);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return identifier;
            }

            @Override
            public OutputStream getOutputStream() {
                return data;
            }

            @Override
            public byte[] getSignature() {
                try {
                    return slots.sign(slot.label(), algorithm, data.toByteArray());
                } catch (KeySlotException e) {
                    throw new SigningFailure(e);
                }
            }
        };
    }

    /** Carries a slot's refusal out through BouncyCastle's signer interface, which declares no exceptions. */
    private static final class SigningFailure extends RuntimeException {
        private final KeySlotException cause;

        SigningFailure(KeySlotException cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
